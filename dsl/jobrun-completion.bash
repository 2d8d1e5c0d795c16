# Tab completion for bin/jobrun in bash and zsh: options, job files, and the tasks of the job file on the line.
#   bash: source dsl/jobrun-completion.bash            (in ~/.bashrc, with the full path)
#   zsh:  autoload -U +X bashcompinit && bashcompinit && source dsl/jobrun-completion.bash
# Task names come from `jobrun --list --json FILE`, which prints one task a line.

# Every option of bin/jobrun (bin/jobrun --help); a test keeps this list and --help in step.
_jobrun_options="--help --version --param --dry-run --check --list --json --output --quiet --verbose --results --no-emoji
--cluster --report --env-file --resume --rerun --mark-ok --explain --journal --no-journal"

# The task names of job file $2, as the jobrun command $1 lists them; nothing when the file is not valid.
_jobrun_tasks() {
    "$1" --list --json "$2" 2>/dev/null | sed -n 's/^    {"name": "\([^"]*\)", "kind": .*/\1/p'
}

_jobrun() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} file="" word i
    COMPREPLY=()
    case $prev in
        -p|--param|--cluster|--report|--resume|--rerun|--mark-ok) return 0 ;;
        --env-file)
            COMPREPLY=($(compgen -f -- "$cur"))
            return 0
            ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$_jobrun_options" -- "$cur"))
        return 0
    fi
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            *.groovy|*.yaml|*.yml) file=${COMP_WORDS[i]}; break ;;
        esac
    done
    if [[ -z $file ]]; then
        # NOTE: job files and directories only; filtered here, since extglob may be off.
        for word in $(compgen -f -- "$cur"); do
            case $word in
                *.groovy|*.yaml|*.yml) COMPREPLY+=("$word") ;;
                *) [[ -d $word ]] && COMPREPLY+=("$word/") ;;
            esac
        done
        # NOTE: a directory is a step on the way to a file: no space after it.
        [[ ${COMPREPLY[*]} == */ ]] && type compopt >/dev/null 2>&1 && compopt -o nospace
        return 0
    fi
    COMPREPLY=($(compgen -W "$(_jobrun_tasks "${COMP_WORDS[0]}" "$file")" -- "$cur"))
}

complete -F _jobrun jobrun bin/jobrun ./bin/jobrun
