# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_atl_global_optspecs
    string join \n master= token= context= cluster= n/namespace= A/all-namespaces o/output= no-headers color= timeout= h/help V/version
end

function __fish_atl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_atl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_atl_using_subcommand
    set -l cmd (__fish_atl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c atl -n "__fish_atl_needs_command" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_needs_command" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_needs_command" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_needs_command" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_needs_command" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_needs_command" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_needs_command" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_needs_command" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_needs_command" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c atl -n "__fish_atl_needs_command" -s V -l version -d 'Print version'
complete -c atl -n "__fish_atl_needs_command" -f -a "top" -d 'Live multi-cluster dashboard (needs a terminal)'
complete -c atl -n "__fish_atl_needs_command" -f -a "demo" -d 'Run a master, a simulated cluster with faults and an agent in this process, and open `atl top` on it (`--headless` for scripts)'
complete -c atl -n "__fish_atl_needs_command" -f -a "login" -d 'Log in to a master and store the context (URL + token)'
complete -c atl -n "__fish_atl_needs_command" -f -a "context" -d 'Manage stored contexts'
complete -c atl -n "__fish_atl_needs_command" -f -a "clusters" -d 'List clusters with status, heartbeat and snapshot age; register or delete one (admin)'
complete -c atl -n "__fish_atl_needs_command" -f -a "get" -d 'List resources of a kind, or get one by name'
complete -c atl -n "__fish_atl_needs_command" -f -a "describe" -d 'Show details of one resource'
complete -c atl -n "__fish_atl_needs_command" -f -a "events" -d 'List Kubernetes events'
complete -c atl -n "__fish_atl_needs_command" -f -a "logs" -d 'Print a pod\'s logs (fetched by the agent)'
complete -c atl -n "__fish_atl_needs_command" -f -a "incidents" -d 'Incidents detected by the AIOps engine'
complete -c atl -n "__fish_atl_needs_command" -f -a "risk" -d 'Risk scores per cluster and top entities'
complete -c atl -n "__fish_atl_needs_command" -f -a "topology" -d 'Dependency topology (Ingress -> Service -> Pod -> Node)'
complete -c atl -n "__fish_atl_needs_command" -f -a "exec" -d 'Run an operation on a cluster through its agent (audited on the master)'
complete -c atl -n "__fish_atl_needs_command" -f -a "audit" -d 'Audit log'
complete -c atl -n "__fish_atl_needs_command" -f -a "users" -d 'Manage users (admin)'
complete -c atl -n "__fish_atl_needs_command" -f -a "tokens" -d 'Manage API tokens'
complete -c atl -n "__fish_atl_needs_command" -f -a "check" -d 'Check connectivity: master reachable, token valid, role, clusters online'
complete -c atl -n "__fish_atl_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c atl -n "__fish_atl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand top" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand top" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand top" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand top" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand top" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand top" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand top" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand top" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand top" -l readonly -d 'Hide every mutating operation, whatever the role allows'
complete -c atl -n "__fish_atl_using_subcommand top" -l demo -d 'Built-in demo data instead of a master (try the keys without a cluster)'
complete -c atl -n "__fish_atl_using_subcommand top" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand top" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand top" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand demo" -l scenario -d 'Built-in scenario (steady, demo, scale-10k, scale-100k) or a scenario file' -r
complete -c atl -n "__fish_atl_using_subcommand demo" -l speed -d 'Simulated seconds per real second (faults and the engine\'s durations follow it)' -r
complete -c atl -n "__fish_atl_using_subcommand demo" -l for -d 'With --headless: stop after this long (e.g. 90s, 10m) instead of waiting for Ctrl-C' -r
complete -c atl -n "__fish_atl_using_subcommand demo" -l cluster -d 'Cluster id of the simulated cluster' -r
complete -c atl -n "__fish_atl_using_subcommand demo" -l interval -d 'Agent snapshot interval (real time)' -r
complete -c atl -n "__fish_atl_using_subcommand demo" -l data-dir -d 'Keep the master\'s database and the simulator\'s kubeconfig (DIR/kubeconfig) here instead of a temporary directory' -r -F
complete -c atl -n "__fish_atl_using_subcommand demo" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand demo" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand demo" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand demo" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand demo" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand demo" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand demo" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand demo" -l headless -d 'Run without the dashboard; print the master URL and a token instead'
complete -c atl -n "__fish_atl_using_subcommand demo" -l readonly -d 'Hide every mutating operation in the dashboard'
complete -c atl -n "__fish_atl_using_subcommand demo" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand demo" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand demo" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand login" -s u -l username -d 'User name (prompted on a TTY when missing)' -r
complete -c atl -n "__fish_atl_using_subcommand login" -l name -d 'Context name to store (default: the URL\'s host:port)' -r
complete -c atl -n "__fish_atl_using_subcommand login" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand login" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand login" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand login" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand login" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand login" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand login" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand login" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand login" -l password-stdin -d 'Read the password from stdin (first line) instead of prompting'
complete -c atl -n "__fish_atl_using_subcommand login" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand login" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand login" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -f -a "list" -d 'List contexts; the current one is marked with *'
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -f -a "use" -d 'Make a context current'
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -f -a "delete" -d 'Delete a context and its token'
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -f -a "current" -d 'Print the current context\'s name'
complete -c atl -n "__fish_atl_using_subcommand context; and not __fish_seen_subcommand_from list use delete current help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from list" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from list" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from list" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from list" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from list" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from list" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from list" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from use" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from use" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from use" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from use" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from use" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from use" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from use" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from use" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from use" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from use" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from delete" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from delete" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from delete" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from delete" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from delete" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from delete" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from delete" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from delete" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from delete" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from current" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from current" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from current" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from current" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from current" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from current" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from current" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from current" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from current" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from current" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from current" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "list" -d 'List contexts; the current one is marked with *'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make a context current'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a context and its token'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "current" -d 'Print the current context\'s name'
complete -c atl -n "__fish_atl_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -s w -l watch -d 'Stream status changes (NDJSON when stdout is not a TTY)'
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -f -a "list" -d 'List clusters (default)'
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -f -a "create" -d 'Register a cluster (admin); prints its agent token, shown only once'
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -f -a "delete" -d 'Delete a cluster with its agent token and commands (admin)'
complete -c atl -n "__fish_atl_using_subcommand clusters; and not __fish_seen_subcommand_from list create delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from list" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from list" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from list" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from list" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from list" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from list" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from list" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from create" -l description -d 'Free text shown in `atl clusters`' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from create" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from create" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from create" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from create" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from create" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from create" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from create" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from create" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from create" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from delete" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from delete" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from delete" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from delete" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from delete" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from delete" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from delete" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from delete" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from delete" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from help" -f -a "list" -d 'List clusters (default)'
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from help" -f -a "create" -d 'Register a cluster (admin); prints its agent token, shown only once'
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a cluster with its agent token and commands (admin)'
complete -c atl -n "__fish_atl_using_subcommand clusters; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand get" -s l -l selector -d 'Label selector, e.g. app=web,tier!=db' -r
complete -c atl -n "__fish_atl_using_subcommand get" -l field-selector -d 'Field selector, e.g. status.phase=Running' -r
complete -c atl -n "__fish_atl_using_subcommand get" -l chunk-size -d 'Page size asked of the master (all pages are fetched; the master\'s maximum is 5000)' -r
complete -c atl -n "__fish_atl_using_subcommand get" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand get" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand get" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand get" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand get" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand get" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand get" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand get" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand get" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand get" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand get" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand describe" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand describe" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand describe" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand describe" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand describe" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand describe" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand describe" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand describe" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand describe" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand describe" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand describe" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand events" -l for -d 'Only events about this object, as KIND/NAME (e.g. pod/web-0)' -r
complete -c atl -n "__fish_atl_using_subcommand events" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand events" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand events" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand events" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand events" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand events" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand events" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand events" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand events" -l warnings -d 'Only warnings'
complete -c atl -n "__fish_atl_using_subcommand events" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand events" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand events" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand logs" -s c -l container -r
complete -c atl -n "__fish_atl_using_subcommand logs" -l tail -r
complete -c atl -n "__fish_atl_using_subcommand logs" -l since -d 'Only lines newer than this, e.g. 10m' -r
complete -c atl -n "__fish_atl_using_subcommand logs" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand logs" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand logs" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand logs" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand logs" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand logs" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand logs" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand logs" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand logs" -s p -l previous
complete -c atl -n "__fish_atl_using_subcommand logs" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand logs" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand logs" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -s w -l watch -d 'Stream incident transitions (NDJSON when stdout is not a TTY)'
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'List incidents (default)'
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Show one incident with its entities and timeline'
complete -c atl -n "__fish_atl_using_subcommand incidents; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from list" -l state -d 'Filter by state (e.g. firing, stable)' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from list" -l limit -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from list" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from list" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from list" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from list" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from list" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from list" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from list" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from show" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from show" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from show" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from show" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from show" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from show" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from show" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from show" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from show" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from help" -f -a "list" -d 'List incidents (default)'
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one incident with its entities and timeline'
complete -c atl -n "__fish_atl_using_subcommand incidents; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand risk" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand risk" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand risk" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand risk" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand risk" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand risk" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand risk" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand risk" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand risk" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand risk" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand risk" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand topology" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand topology" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand topology" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand topology" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand topology" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand topology" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand topology" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand topology" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand topology" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand topology" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand topology" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -f -a "restart" -d 'Restart: a pod (delete, its controller recreates it) or a workload (rollout restart)'
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -f -a "scale" -d 'Scale a deployment or statefulset'
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -f -a "cordon" -d 'Mark a node unschedulable'
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -f -a "uncordon" -d 'Mark a node schedulable'
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -f -a "drain" -d 'Cordon a node and evict its pods (respects PodDisruptionBudgets)'
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -f -a "delete" -d 'Delete a resource (only pods)'
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -f -a "kubectl" -d 'Run an allow-listed kubectl command through the agent: `atl exec kubectl -- get pods -n x`'
complete -c atl -n "__fish_atl_using_subcommand exec; and not __fish_seen_subcommand_from restart scale cordon uncordon drain delete kubectl help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from restart" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from restart" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from restart" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from restart" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from restart" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from restart" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from restart" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from restart" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from restart" -l no-wait -d 'Return as soon as the master accepted the command (prints its id)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from restart" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from restart" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from scale" -l replicas -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from scale" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from scale" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from scale" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from scale" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from scale" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from scale" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from scale" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from scale" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from scale" -l no-wait -d 'Return as soon as the master accepted the command (prints its id)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from scale" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from scale" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from scale" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from cordon" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from cordon" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from cordon" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from cordon" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from cordon" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from cordon" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from cordon" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from cordon" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from cordon" -l no-wait -d 'Return as soon as the master accepted the command (prints its id)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from cordon" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from cordon" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from cordon" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from uncordon" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from uncordon" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from uncordon" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from uncordon" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from uncordon" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from uncordon" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from uncordon" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from uncordon" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from uncordon" -l no-wait -d 'Return as soon as the master accepted the command (prints its id)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from uncordon" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from uncordon" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from uncordon" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -l ignore-daemonsets
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -l delete-emptydir-data
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -l no-wait -d 'Return as soon as the master accepted the command (prints its id)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from drain" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from delete" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from delete" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from delete" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from delete" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from delete" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from delete" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from delete" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from delete" -l no-wait -d 'Return as soon as the master accepted the command (prints its id)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from delete" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from delete" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from kubectl" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from kubectl" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from kubectl" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from kubectl" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from kubectl" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from kubectl" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from kubectl" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from kubectl" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from kubectl" -l no-wait -d 'Return as soon as the master accepted the command (prints its id)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from kubectl" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from kubectl" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from kubectl" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart: a pod (delete, its controller recreates it) or a workload (rollout restart)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from help" -f -a "scale" -d 'Scale a deployment or statefulset'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from help" -f -a "cordon" -d 'Mark a node unschedulable'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from help" -f -a "uncordon" -d 'Mark a node schedulable'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from help" -f -a "drain" -d 'Cordon a node and evict its pods (respects PodDisruptionBudgets)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a resource (only pods)'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from help" -f -a "kubectl" -d 'Run an allow-listed kubectl command through the agent: `atl exec kubectl -- get pods -n x`'
complete -c atl -n "__fish_atl_using_subcommand exec; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand audit" -l limit -r
complete -c atl -n "__fish_atl_using_subcommand audit" -l user -d 'Only entries by this user' -r
complete -c atl -n "__fish_atl_using_subcommand audit" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand audit" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand audit" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand audit" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand audit" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand audit" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand audit" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand audit" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand audit" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand audit" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand audit" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -f -a "list"
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -f -a "create" -d 'Create a user; the password is read from stdin (first line) or prompted on a TTY'
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -f -a "set-role" -d 'Change a user\'s role'
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -f -a "delete"
complete -c atl -n "__fish_atl_using_subcommand users; and not __fish_seen_subcommand_from list create set-role delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from list" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from list" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from list" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from list" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from list" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from list" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from list" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from create" -l role -r -f -a "viewer\t''
operator\t''
admin\t''"
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from create" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from create" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from create" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from create" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from create" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from create" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from create" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from create" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from create" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from set-role" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from set-role" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from set-role" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from set-role" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from set-role" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from set-role" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from set-role" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from set-role" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from set-role" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from set-role" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from set-role" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from delete" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from delete" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from delete" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from delete" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from delete" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from delete" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from delete" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from delete" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from delete" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "list"
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a user; the password is read from stdin (first line) or prompted on a TTY'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "set-role" -d 'Change a user\'s role'
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "delete"
complete -c atl -n "__fish_atl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -f -a "list" -d 'List your API tokens'
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -f -a "create" -d 'Create an API token (printed once)'
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -f -a "revoke"
complete -c atl -n "__fish_atl_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from list" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from list" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from list" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from list" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from list" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from list" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from list" -l all -d 'Everyone\'s tokens (admin)'
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from list" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from create" -l role -r -f -a "viewer\t''
operator\t''
admin\t''"
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from create" -l ttl -d 'Lifetime, e.g. 30d, 12h (default: the master\'s)' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from create" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from create" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from create" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from create" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from create" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from create" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from create" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from create" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from create" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "list" -d 'List your API tokens'
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an API token (printed once)'
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "revoke"
complete -c atl -n "__fish_atl_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand check" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand check" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand check" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand check" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand check" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand check" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand check" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand check" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand check" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand check" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand check" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand completion" -l master -d 'Master URL; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand completion" -l token -d 'API token; overrides the context\'s' -r
complete -c atl -n "__fish_atl_using_subcommand completion" -l context -d 'Context to use instead of the current one' -r
complete -c atl -n "__fish_atl_using_subcommand completion" -l cluster -d 'Cluster(s) to address: repeat the flag, give a comma list, or `all`' -r
complete -c atl -n "__fish_atl_using_subcommand completion" -s n -l namespace -d 'Namespace (default: the namespace "default"; -A for all)' -r
complete -c atl -n "__fish_atl_using_subcommand completion" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''"
complete -c atl -n "__fish_atl_using_subcommand completion" -l color -d 'Colour: auto (a TTY without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c atl -n "__fish_atl_using_subcommand completion" -l timeout -d 'How long to wait for the master (and, for exec, the agent\'s result). E.g. 30s, 2m' -r
complete -c atl -n "__fish_atl_using_subcommand completion" -s A -l all-namespaces -d 'All namespaces (wins over -n)'
complete -c atl -n "__fish_atl_using_subcommand completion" -l no-headers -d 'Omit the header row of tables'
complete -c atl -n "__fish_atl_using_subcommand completion" -s h -l help -d 'Print help'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "top" -d 'Live multi-cluster dashboard (needs a terminal)'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "demo" -d 'Run a master, a simulated cluster with faults and an agent in this process, and open `atl top` on it (`--headless` for scripts)'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "login" -d 'Log in to a master and store the context (URL + token)'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "context" -d 'Manage stored contexts'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "clusters" -d 'List clusters with status, heartbeat and snapshot age; register or delete one (admin)'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "get" -d 'List resources of a kind, or get one by name'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "describe" -d 'Show details of one resource'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "events" -d 'List Kubernetes events'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "logs" -d 'Print a pod\'s logs (fetched by the agent)'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "incidents" -d 'Incidents detected by the AIOps engine'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "risk" -d 'Risk scores per cluster and top entities'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "topology" -d 'Dependency topology (Ingress -> Service -> Pod -> Node)'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "exec" -d 'Run an operation on a cluster through its agent (audited on the master)'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "audit" -d 'Audit log'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "users" -d 'Manage users (admin)'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "tokens" -d 'Manage API tokens'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "check" -d 'Check connectivity: master reachable, token valid, role, clusters online'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "completion" -d 'Print a shell completion script'
complete -c atl -n "__fish_atl_using_subcommand help; and not __fish_seen_subcommand_from top demo login context clusters get describe events logs incidents risk topology exec audit users tokens check completion help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "list" -d 'List contexts; the current one is marked with *'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "use" -d 'Make a context current'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "delete" -d 'Delete a context and its token'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "current" -d 'Print the current context\'s name'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from clusters" -f -a "list" -d 'List clusters (default)'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from clusters" -f -a "create" -d 'Register a cluster (admin); prints its agent token, shown only once'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from clusters" -f -a "delete" -d 'Delete a cluster with its agent token and commands (admin)'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from incidents" -f -a "list" -d 'List incidents (default)'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from incidents" -f -a "show" -d 'Show one incident with its entities and timeline'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from exec" -f -a "restart" -d 'Restart: a pod (delete, its controller recreates it) or a workload (rollout restart)'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from exec" -f -a "scale" -d 'Scale a deployment or statefulset'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from exec" -f -a "cordon" -d 'Mark a node unschedulable'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from exec" -f -a "uncordon" -d 'Mark a node schedulable'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from exec" -f -a "drain" -d 'Cordon a node and evict its pods (respects PodDisruptionBudgets)'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from exec" -f -a "delete" -d 'Delete a resource (only pods)'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from exec" -f -a "kubectl" -d 'Run an allow-listed kubectl command through the agent: `atl exec kubectl -- get pods -n x`'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "list"
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "create" -d 'Create a user; the password is read from stdin (first line) or prompted on a TTY'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "set-role" -d 'Change a user\'s role'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "delete"
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "list" -d 'List your API tokens'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "create" -d 'Create an API token (printed once)'
complete -c atl -n "__fish_atl_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "revoke"
