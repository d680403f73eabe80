
use builtin;
use str;

set edit:completion:arg-completer[atl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'atl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'atl'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand top 'Live multi-cluster dashboard (needs a terminal)'
            cand demo 'Run a master, a simulated cluster with faults and an agent in this process, and open `atl top` on it (`--headless` for scripts)'
            cand login 'Log in to a master and store the context (URL + token)'
            cand context 'Manage stored contexts'
            cand clusters 'List clusters with status, heartbeat and snapshot age; register or delete one (admin)'
            cand get 'List resources of a kind, or get one by name'
            cand describe 'Show details of one resource'
            cand events 'List Kubernetes events'
            cand logs 'Print a pod''s logs (fetched by the agent)'
            cand incidents 'Incidents detected by the AIOps engine'
            cand risk 'Risk scores per cluster and top entities'
            cand topology 'Dependency topology (Ingress -> Service -> Pod -> Node)'
            cand exec 'Run an operation on a cluster through its agent (audited on the master)'
            cand audit 'Audit log'
            cand users 'Manage users (admin)'
            cand tokens 'Manage API tokens'
            cand check 'Check connectivity: master reachable, token valid, role, clusters online'
            cand completion 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;top'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand --readonly 'Hide every mutating operation, whatever the role allows'
            cand --demo 'Built-in demo data instead of a master (try the keys without a cluster)'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;demo'= {
            cand --scenario 'Built-in scenario (steady, demo, scale-10k, scale-100k) or a scenario file'
            cand --speed 'Simulated seconds per real second (faults and the engine''s durations follow it)'
            cand --for 'With --headless: stop after this long (e.g. 90s, 10m) instead of waiting for Ctrl-C'
            cand --cluster 'Cluster id of the simulated cluster'
            cand --interval 'Agent snapshot interval (real time)'
            cand --data-dir 'Keep the master''s database and the simulator''s kubeconfig (DIR/kubeconfig) here instead of a temporary directory'
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand --headless 'Run without the dashboard; print the master URL and a token instead'
            cand --readonly 'Hide every mutating operation in the dashboard'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;login'= {
            cand -u 'User name (prompted on a TTY when missing)'
            cand --username 'User name (prompted on a TTY when missing)'
            cand --name 'Context name to store (default: the URL''s host:port)'
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand --password-stdin 'Read the password from stdin (first line) instead of prompting'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;context'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List contexts; the current one is marked with *'
            cand use 'Make a context current'
            cand delete 'Delete a context and its token'
            cand current 'Print the current context''s name'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;context;list'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;context;use'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;context;delete'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;context;current'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;context;help'= {
            cand list 'List contexts; the current one is marked with *'
            cand use 'Make a context current'
            cand delete 'Delete a context and its token'
            cand current 'Print the current context''s name'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;context;help;list'= {
        }
        &'atl;context;help;use'= {
        }
        &'atl;context;help;delete'= {
        }
        &'atl;context;help;current'= {
        }
        &'atl;context;help;help'= {
        }
        &'atl;clusters'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -w 'Stream status changes (NDJSON when stdout is not a TTY)'
            cand --watch 'Stream status changes (NDJSON when stdout is not a TTY)'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List clusters (default)'
            cand create 'Register a cluster (admin); prints its agent token, shown only once'
            cand delete 'Delete a cluster with its agent token and commands (admin)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;clusters;list'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;clusters;create'= {
            cand --description 'Free text shown in `atl clusters`'
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;clusters;delete'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;clusters;help'= {
            cand list 'List clusters (default)'
            cand create 'Register a cluster (admin); prints its agent token, shown only once'
            cand delete 'Delete a cluster with its agent token and commands (admin)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;clusters;help;list'= {
        }
        &'atl;clusters;help;create'= {
        }
        &'atl;clusters;help;delete'= {
        }
        &'atl;clusters;help;help'= {
        }
        &'atl;get'= {
            cand -l 'Label selector, e.g. app=web,tier!=db'
            cand --selector 'Label selector, e.g. app=web,tier!=db'
            cand --field-selector 'Field selector, e.g. status.phase=Running'
            cand --chunk-size 'Page size asked of the master (all pages are fetched; the master''s maximum is 5000)'
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;describe'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;events'= {
            cand --for 'Only events about this object, as KIND/NAME (e.g. pod/web-0)'
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand --warnings 'Only warnings'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;logs'= {
            cand -c 'c'
            cand --container 'container'
            cand --tail 'tail'
            cand --since 'Only lines newer than this, e.g. 10m'
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -p 'p'
            cand --previous 'previous'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;incidents'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -w 'Stream incident transitions (NDJSON when stdout is not a TTY)'
            cand --watch 'Stream incident transitions (NDJSON when stdout is not a TTY)'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List incidents (default)'
            cand show 'Show one incident with its entities and timeline'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;incidents;list'= {
            cand --state 'Filter by state (e.g. firing, stable)'
            cand --limit 'limit'
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;incidents;show'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;incidents;help'= {
            cand list 'List incidents (default)'
            cand show 'Show one incident with its entities and timeline'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;incidents;help;list'= {
        }
        &'atl;incidents;help;show'= {
        }
        &'atl;incidents;help;help'= {
        }
        &'atl;risk'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;topology'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;exec'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand restart 'Restart: a pod (delete, its controller recreates it) or a workload (rollout restart)'
            cand scale 'Scale a deployment or statefulset'
            cand cordon 'Mark a node unschedulable'
            cand uncordon 'Mark a node schedulable'
            cand drain 'Cordon a node and evict its pods (respects PodDisruptionBudgets)'
            cand delete 'Delete a resource (only pods)'
            cand kubectl 'Run an allow-listed kubectl command through the agent: `atl exec kubectl -- get pods -n x`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;exec;restart'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand --no-wait 'Return as soon as the master accepted the command (prints its id)'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;exec;scale'= {
            cand --replicas 'replicas'
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand --no-wait 'Return as soon as the master accepted the command (prints its id)'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;exec;cordon'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand --no-wait 'Return as soon as the master accepted the command (prints its id)'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;exec;uncordon'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand --no-wait 'Return as soon as the master accepted the command (prints its id)'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;exec;drain'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand --ignore-daemonsets 'ignore-daemonsets'
            cand --delete-emptydir-data 'delete-emptydir-data'
            cand --no-wait 'Return as soon as the master accepted the command (prints its id)'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;exec;delete'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand --no-wait 'Return as soon as the master accepted the command (prints its id)'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;exec;kubectl'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand --no-wait 'Return as soon as the master accepted the command (prints its id)'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;exec;help'= {
            cand restart 'Restart: a pod (delete, its controller recreates it) or a workload (rollout restart)'
            cand scale 'Scale a deployment or statefulset'
            cand cordon 'Mark a node unschedulable'
            cand uncordon 'Mark a node schedulable'
            cand drain 'Cordon a node and evict its pods (respects PodDisruptionBudgets)'
            cand delete 'Delete a resource (only pods)'
            cand kubectl 'Run an allow-listed kubectl command through the agent: `atl exec kubectl -- get pods -n x`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;exec;help;restart'= {
        }
        &'atl;exec;help;scale'= {
        }
        &'atl;exec;help;cordon'= {
        }
        &'atl;exec;help;uncordon'= {
        }
        &'atl;exec;help;drain'= {
        }
        &'atl;exec;help;delete'= {
        }
        &'atl;exec;help;kubectl'= {
        }
        &'atl;exec;help;help'= {
        }
        &'atl;audit'= {
            cand --limit 'limit'
            cand --user 'Only entries by this user'
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;users'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'list'
            cand create 'Create a user; the password is read from stdin (first line) or prompted on a TTY'
            cand set-role 'Change a user''s role'
            cand delete 'delete'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;users;list'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;users;create'= {
            cand --role 'role'
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;users;set-role'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;users;delete'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;users;help'= {
            cand list 'list'
            cand create 'Create a user; the password is read from stdin (first line) or prompted on a TTY'
            cand set-role 'Change a user''s role'
            cand delete 'delete'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;users;help;list'= {
        }
        &'atl;users;help;create'= {
        }
        &'atl;users;help;set-role'= {
        }
        &'atl;users;help;delete'= {
        }
        &'atl;users;help;help'= {
        }
        &'atl;tokens'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List your API tokens'
            cand create 'Create an API token (printed once)'
            cand revoke 'revoke'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;tokens;list'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand --all 'Everyone''s tokens (admin)'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;tokens;create'= {
            cand --role 'role'
            cand --ttl 'Lifetime, e.g. 30d, 12h (default: the master''s)'
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;tokens;revoke'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;tokens;help'= {
            cand list 'List your API tokens'
            cand create 'Create an API token (printed once)'
            cand revoke 'revoke'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;tokens;help;list'= {
        }
        &'atl;tokens;help;create'= {
        }
        &'atl;tokens;help;revoke'= {
        }
        &'atl;tokens;help;help'= {
        }
        &'atl;check'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;completion'= {
            cand --master 'Master URL; overrides the context''s'
            cand --token 'API token; overrides the context''s'
            cand --context 'Context to use instead of the current one'
            cand --cluster 'Cluster(s) to address: repeat the flag, give a comma list, or `all`'
            cand -n 'Namespace (default: the namespace "default"; -A for all)'
            cand --namespace 'Namespace (default: the namespace "default"; -A for all)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'Colour: auto (a TTY without NO_COLOR), always or never'
            cand --timeout 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m'
            cand -A 'All namespaces (wins over -n)'
            cand --all-namespaces 'All namespaces (wins over -n)'
            cand --no-headers 'Omit the header row of tables'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'atl;help'= {
            cand top 'Live multi-cluster dashboard (needs a terminal)'
            cand demo 'Run a master, a simulated cluster with faults and an agent in this process, and open `atl top` on it (`--headless` for scripts)'
            cand login 'Log in to a master and store the context (URL + token)'
            cand context 'Manage stored contexts'
            cand clusters 'List clusters with status, heartbeat and snapshot age; register or delete one (admin)'
            cand get 'List resources of a kind, or get one by name'
            cand describe 'Show details of one resource'
            cand events 'List Kubernetes events'
            cand logs 'Print a pod''s logs (fetched by the agent)'
            cand incidents 'Incidents detected by the AIOps engine'
            cand risk 'Risk scores per cluster and top entities'
            cand topology 'Dependency topology (Ingress -> Service -> Pod -> Node)'
            cand exec 'Run an operation on a cluster through its agent (audited on the master)'
            cand audit 'Audit log'
            cand users 'Manage users (admin)'
            cand tokens 'Manage API tokens'
            cand check 'Check connectivity: master reachable, token valid, role, clusters online'
            cand completion 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'atl;help;top'= {
        }
        &'atl;help;demo'= {
        }
        &'atl;help;login'= {
        }
        &'atl;help;context'= {
            cand list 'List contexts; the current one is marked with *'
            cand use 'Make a context current'
            cand delete 'Delete a context and its token'
            cand current 'Print the current context''s name'
        }
        &'atl;help;context;list'= {
        }
        &'atl;help;context;use'= {
        }
        &'atl;help;context;delete'= {
        }
        &'atl;help;context;current'= {
        }
        &'atl;help;clusters'= {
            cand list 'List clusters (default)'
            cand create 'Register a cluster (admin); prints its agent token, shown only once'
            cand delete 'Delete a cluster with its agent token and commands (admin)'
        }
        &'atl;help;clusters;list'= {
        }
        &'atl;help;clusters;create'= {
        }
        &'atl;help;clusters;delete'= {
        }
        &'atl;help;get'= {
        }
        &'atl;help;describe'= {
        }
        &'atl;help;events'= {
        }
        &'atl;help;logs'= {
        }
        &'atl;help;incidents'= {
            cand list 'List incidents (default)'
            cand show 'Show one incident with its entities and timeline'
        }
        &'atl;help;incidents;list'= {
        }
        &'atl;help;incidents;show'= {
        }
        &'atl;help;risk'= {
        }
        &'atl;help;topology'= {
        }
        &'atl;help;exec'= {
            cand restart 'Restart: a pod (delete, its controller recreates it) or a workload (rollout restart)'
            cand scale 'Scale a deployment or statefulset'
            cand cordon 'Mark a node unschedulable'
            cand uncordon 'Mark a node schedulable'
            cand drain 'Cordon a node and evict its pods (respects PodDisruptionBudgets)'
            cand delete 'Delete a resource (only pods)'
            cand kubectl 'Run an allow-listed kubectl command through the agent: `atl exec kubectl -- get pods -n x`'
        }
        &'atl;help;exec;restart'= {
        }
        &'atl;help;exec;scale'= {
        }
        &'atl;help;exec;cordon'= {
        }
        &'atl;help;exec;uncordon'= {
        }
        &'atl;help;exec;drain'= {
        }
        &'atl;help;exec;delete'= {
        }
        &'atl;help;exec;kubectl'= {
        }
        &'atl;help;audit'= {
        }
        &'atl;help;users'= {
            cand list 'list'
            cand create 'Create a user; the password is read from stdin (first line) or prompted on a TTY'
            cand set-role 'Change a user''s role'
            cand delete 'delete'
        }
        &'atl;help;users;list'= {
        }
        &'atl;help;users;create'= {
        }
        &'atl;help;users;set-role'= {
        }
        &'atl;help;users;delete'= {
        }
        &'atl;help;tokens'= {
            cand list 'List your API tokens'
            cand create 'Create an API token (printed once)'
            cand revoke 'revoke'
        }
        &'atl;help;tokens;list'= {
        }
        &'atl;help;tokens;create'= {
        }
        &'atl;help;tokens;revoke'= {
        }
        &'atl;help;check'= {
        }
        &'atl;help;completion'= {
        }
        &'atl;help;help'= {
        }
    ]
    $completions[$command]
}
