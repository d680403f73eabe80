
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'atl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'atl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'atl' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'Live multi-cluster dashboard (needs a terminal)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run a master, a simulated cluster with faults and an agent in this process, and open `atl top` on it (`--headless` for scripts)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to a master and store the context (URL + token)')
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Manage stored contexts')
            [CompletionResult]::new('clusters', 'clusters', [CompletionResultType]::ParameterValue, 'List clusters with status, heartbeat and snapshot age; register or delete one (admin)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'List resources of a kind, or get one by name')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show details of one resource')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'List Kubernetes events')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print a pod''s logs (fetched by the agent)')
            [CompletionResult]::new('incidents', 'incidents', [CompletionResultType]::ParameterValue, 'Incidents detected by the AIOps engine')
            [CompletionResult]::new('risk', 'risk', [CompletionResultType]::ParameterValue, 'Risk scores per cluster and top entities')
            [CompletionResult]::new('topology', 'topology', [CompletionResultType]::ParameterValue, 'Dependency topology (Ingress -> Service -> Pod -> Node)')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run an operation on a cluster through its agent (audited on the master)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Audit log')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'Manage users (admin)')
            [CompletionResult]::new('tokens', 'tokens', [CompletionResultType]::ParameterValue, 'Manage API tokens')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check connectivity: master reachable, token valid, role, clusters online')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;top' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('--readonly', '--readonly', [CompletionResultType]::ParameterName, 'Hide every mutating operation, whatever the role allows')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Built-in demo data instead of a master (try the keys without a cluster)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;demo' {
            [CompletionResult]::new('--scenario', '--scenario', [CompletionResultType]::ParameterName, 'Built-in scenario (steady, demo, scale-10k, scale-100k) or a scenario file')
            [CompletionResult]::new('--speed', '--speed', [CompletionResultType]::ParameterName, 'Simulated seconds per real second (faults and the engine''s durations follow it)')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'With --headless: stop after this long (e.g. 90s, 10m) instead of waiting for Ctrl-C')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster id of the simulated cluster')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Agent snapshot interval (real time)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep the master''s database and the simulator''s kubeconfig (DIR/kubeconfig) here instead of a temporary directory')
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Run without the dashboard; print the master URL and a token instead')
            [CompletionResult]::new('--readonly', '--readonly', [CompletionResultType]::ParameterName, 'Hide every mutating operation in the dashboard')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;login' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name (prompted on a TTY when missing)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name (prompted on a TTY when missing)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Context name to store (default: the URL''s host:port)')
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from stdin (first line) instead of prompting')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;context' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List contexts; the current one is marked with *')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a context current')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a context and its token')
            [CompletionResult]::new('current', 'current', [CompletionResultType]::ParameterValue, 'Print the current context''s name')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;context;list' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;context;use' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;context;delete' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;context;current' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;context;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List contexts; the current one is marked with *')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a context current')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a context and its token')
            [CompletionResult]::new('current', 'current', [CompletionResultType]::ParameterValue, 'Print the current context''s name')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;context;help;list' {
            break
        }
        'atl;context;help;use' {
            break
        }
        'atl;context;help;delete' {
            break
        }
        'atl;context;help;current' {
            break
        }
        'atl;context;help;help' {
            break
        }
        'atl;clusters' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Stream status changes (NDJSON when stdout is not a TTY)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Stream status changes (NDJSON when stdout is not a TTY)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List clusters (default)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Register a cluster (admin); prints its agent token, shown only once')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a cluster with its agent token and commands (admin)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;clusters;list' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;clusters;create' {
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Free text shown in `atl clusters`')
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;clusters;delete' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;clusters;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List clusters (default)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Register a cluster (admin); prints its agent token, shown only once')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a cluster with its agent token and commands (admin)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;clusters;help;list' {
            break
        }
        'atl;clusters;help;create' {
            break
        }
        'atl;clusters;help;delete' {
            break
        }
        'atl;clusters;help;help' {
            break
        }
        'atl;get' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector, e.g. app=web,tier!=db')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector, e.g. app=web,tier!=db')
            [CompletionResult]::new('--field-selector', '--field-selector', [CompletionResultType]::ParameterName, 'Field selector, e.g. status.phase=Running')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'Page size asked of the master (all pages are fetched; the master''s maximum is 5000)')
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;describe' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;events' {
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Only events about this object, as KIND/NAME (e.g. pod/web-0)')
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('--warnings', '--warnings', [CompletionResultType]::ParameterName, 'Only warnings')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;logs' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'c')
            [CompletionResult]::new('--container', '--container', [CompletionResultType]::ParameterName, 'container')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'tail')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only lines newer than this, e.g. 10m')
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'p')
            [CompletionResult]::new('--previous', '--previous', [CompletionResultType]::ParameterName, 'previous')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;incidents' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Stream incident transitions (NDJSON when stdout is not a TTY)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Stream incident transitions (NDJSON when stdout is not a TTY)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List incidents (default)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one incident with its entities and timeline')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;incidents;list' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Filter by state (e.g. firing, stable)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'limit')
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;incidents;show' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;incidents;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List incidents (default)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one incident with its entities and timeline')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;incidents;help;list' {
            break
        }
        'atl;incidents;help;show' {
            break
        }
        'atl;incidents;help;help' {
            break
        }
        'atl;risk' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;topology' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;exec' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart: a pod (delete, its controller recreates it) or a workload (rollout restart)')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Scale a deployment or statefulset')
            [CompletionResult]::new('cordon', 'cordon', [CompletionResultType]::ParameterValue, 'Mark a node unschedulable')
            [CompletionResult]::new('uncordon', 'uncordon', [CompletionResultType]::ParameterValue, 'Mark a node schedulable')
            [CompletionResult]::new('drain', 'drain', [CompletionResultType]::ParameterValue, 'Cordon a node and evict its pods (respects PodDisruptionBudgets)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a resource (only pods)')
            [CompletionResult]::new('kubectl', 'kubectl', [CompletionResultType]::ParameterValue, 'Run an allow-listed kubectl command through the agent: `atl exec kubectl -- get pods -n x`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;exec;restart' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the master accepted the command (prints its id)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;exec;scale' {
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'replicas')
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the master accepted the command (prints its id)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;exec;cordon' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the master accepted the command (prints its id)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;exec;uncordon' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the master accepted the command (prints its id)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;exec;drain' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('--ignore-daemonsets', '--ignore-daemonsets', [CompletionResultType]::ParameterName, 'ignore-daemonsets')
            [CompletionResult]::new('--delete-emptydir-data', '--delete-emptydir-data', [CompletionResultType]::ParameterName, 'delete-emptydir-data')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the master accepted the command (prints its id)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;exec;delete' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the master accepted the command (prints its id)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;exec;kubectl' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the master accepted the command (prints its id)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;exec;help' {
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart: a pod (delete, its controller recreates it) or a workload (rollout restart)')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Scale a deployment or statefulset')
            [CompletionResult]::new('cordon', 'cordon', [CompletionResultType]::ParameterValue, 'Mark a node unschedulable')
            [CompletionResult]::new('uncordon', 'uncordon', [CompletionResultType]::ParameterValue, 'Mark a node schedulable')
            [CompletionResult]::new('drain', 'drain', [CompletionResultType]::ParameterValue, 'Cordon a node and evict its pods (respects PodDisruptionBudgets)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a resource (only pods)')
            [CompletionResult]::new('kubectl', 'kubectl', [CompletionResultType]::ParameterValue, 'Run an allow-listed kubectl command through the agent: `atl exec kubectl -- get pods -n x`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;exec;help;restart' {
            break
        }
        'atl;exec;help;scale' {
            break
        }
        'atl;exec;help;cordon' {
            break
        }
        'atl;exec;help;uncordon' {
            break
        }
        'atl;exec;help;drain' {
            break
        }
        'atl;exec;help;delete' {
            break
        }
        'atl;exec;help;kubectl' {
            break
        }
        'atl;exec;help;help' {
            break
        }
        'atl;audit' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'limit')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only entries by this user')
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;users' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'list')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a user; the password is read from stdin (first line) or prompted on a TTY')
            [CompletionResult]::new('set-role', 'set-role', [CompletionResultType]::ParameterValue, 'Change a user''s role')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'delete')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;users;list' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;users;create' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'role')
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;users;set-role' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;users;delete' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;users;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'list')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a user; the password is read from stdin (first line) or prompted on a TTY')
            [CompletionResult]::new('set-role', 'set-role', [CompletionResultType]::ParameterValue, 'Change a user''s role')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'delete')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;users;help;list' {
            break
        }
        'atl;users;help;create' {
            break
        }
        'atl;users;help;set-role' {
            break
        }
        'atl;users;help;delete' {
            break
        }
        'atl;users;help;help' {
            break
        }
        'atl;tokens' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your API tokens')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an API token (printed once)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'revoke')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;tokens;list' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Everyone''s tokens (admin)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;tokens;create' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'role')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Lifetime, e.g. 30d, 12h (default: the master''s)')
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;tokens;revoke' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;tokens;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your API tokens')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an API token (printed once)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'revoke')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;tokens;help;list' {
            break
        }
        'atl;tokens;help;create' {
            break
        }
        'atl;tokens;help;revoke' {
            break
        }
        'atl;tokens;help;help' {
            break
        }
        'atl;check' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;completion' {
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'Master URL; overrides the context''s')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token; overrides the context''s')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use instead of the current one')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster(s) to address: repeat the flag, give a comma list, or `all`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace (default: the namespace "default"; -A for all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (a TTY without NO_COLOR), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the master (and, for exec, the agent''s result). E.g. 30s, 2m')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'All namespaces (wins over -n)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit the header row of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'atl;help' {
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'Live multi-cluster dashboard (needs a terminal)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run a master, a simulated cluster with faults and an agent in this process, and open `atl top` on it (`--headless` for scripts)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to a master and store the context (URL + token)')
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Manage stored contexts')
            [CompletionResult]::new('clusters', 'clusters', [CompletionResultType]::ParameterValue, 'List clusters with status, heartbeat and snapshot age; register or delete one (admin)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'List resources of a kind, or get one by name')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show details of one resource')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'List Kubernetes events')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print a pod''s logs (fetched by the agent)')
            [CompletionResult]::new('incidents', 'incidents', [CompletionResultType]::ParameterValue, 'Incidents detected by the AIOps engine')
            [CompletionResult]::new('risk', 'risk', [CompletionResultType]::ParameterValue, 'Risk scores per cluster and top entities')
            [CompletionResult]::new('topology', 'topology', [CompletionResultType]::ParameterValue, 'Dependency topology (Ingress -> Service -> Pod -> Node)')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run an operation on a cluster through its agent (audited on the master)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Audit log')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'Manage users (admin)')
            [CompletionResult]::new('tokens', 'tokens', [CompletionResultType]::ParameterValue, 'Manage API tokens')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check connectivity: master reachable, token valid, role, clusters online')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'atl;help;top' {
            break
        }
        'atl;help;demo' {
            break
        }
        'atl;help;login' {
            break
        }
        'atl;help;context' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List contexts; the current one is marked with *')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a context current')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a context and its token')
            [CompletionResult]::new('current', 'current', [CompletionResultType]::ParameterValue, 'Print the current context''s name')
            break
        }
        'atl;help;context;list' {
            break
        }
        'atl;help;context;use' {
            break
        }
        'atl;help;context;delete' {
            break
        }
        'atl;help;context;current' {
            break
        }
        'atl;help;clusters' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List clusters (default)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Register a cluster (admin); prints its agent token, shown only once')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a cluster with its agent token and commands (admin)')
            break
        }
        'atl;help;clusters;list' {
            break
        }
        'atl;help;clusters;create' {
            break
        }
        'atl;help;clusters;delete' {
            break
        }
        'atl;help;get' {
            break
        }
        'atl;help;describe' {
            break
        }
        'atl;help;events' {
            break
        }
        'atl;help;logs' {
            break
        }
        'atl;help;incidents' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List incidents (default)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one incident with its entities and timeline')
            break
        }
        'atl;help;incidents;list' {
            break
        }
        'atl;help;incidents;show' {
            break
        }
        'atl;help;risk' {
            break
        }
        'atl;help;topology' {
            break
        }
        'atl;help;exec' {
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart: a pod (delete, its controller recreates it) or a workload (rollout restart)')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Scale a deployment or statefulset')
            [CompletionResult]::new('cordon', 'cordon', [CompletionResultType]::ParameterValue, 'Mark a node unschedulable')
            [CompletionResult]::new('uncordon', 'uncordon', [CompletionResultType]::ParameterValue, 'Mark a node schedulable')
            [CompletionResult]::new('drain', 'drain', [CompletionResultType]::ParameterValue, 'Cordon a node and evict its pods (respects PodDisruptionBudgets)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a resource (only pods)')
            [CompletionResult]::new('kubectl', 'kubectl', [CompletionResultType]::ParameterValue, 'Run an allow-listed kubectl command through the agent: `atl exec kubectl -- get pods -n x`')
            break
        }
        'atl;help;exec;restart' {
            break
        }
        'atl;help;exec;scale' {
            break
        }
        'atl;help;exec;cordon' {
            break
        }
        'atl;help;exec;uncordon' {
            break
        }
        'atl;help;exec;drain' {
            break
        }
        'atl;help;exec;delete' {
            break
        }
        'atl;help;exec;kubectl' {
            break
        }
        'atl;help;audit' {
            break
        }
        'atl;help;users' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'list')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a user; the password is read from stdin (first line) or prompted on a TTY')
            [CompletionResult]::new('set-role', 'set-role', [CompletionResultType]::ParameterValue, 'Change a user''s role')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'delete')
            break
        }
        'atl;help;users;list' {
            break
        }
        'atl;help;users;create' {
            break
        }
        'atl;help;users;set-role' {
            break
        }
        'atl;help;users;delete' {
            break
        }
        'atl;help;tokens' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your API tokens')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an API token (printed once)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'revoke')
            break
        }
        'atl;help;tokens;list' {
            break
        }
        'atl;help;tokens;create' {
            break
        }
        'atl;help;tokens;revoke' {
            break
        }
        'atl;help;check' {
            break
        }
        'atl;help;completion' {
            break
        }
        'atl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
