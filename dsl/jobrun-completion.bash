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

# The parameters of job file $2, each as NAME= for -p.
_jobrun_params() {
    "$1" --list --json "$2" 2>/dev/null | sed -n 's/^    {"name": "\([^"]*\)", "type": .*/\1=/p'
}

# The job file on the command line, or nothing.
_jobrun_file() {
    local i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            *.groovy|*.yaml|*.yml) echo "${COMP_WORDS[i]}"; return ;;
        esac
    done
}

_jobrun() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} file word
    COMPREPLY=()
    file=$(_jobrun_file)
    case $prev in
        -p|--param)
            [[ -n $file && $cur != *=* ]] && COMPREPLY=($(compgen -W "$(_jobrun_params "${COMP_WORDS[0]}" "$file")" \
                -- "$cur")) && type compopt >/dev/null 2>&1 && compopt -o nospace 2>/dev/null
            return 0
            ;;
        --cluster|--report|--resume|--rerun|--mark-ok) return 0 ;;
        --env-file)
            COMPREPLY=($(compgen -f -- "$cur"))
            return 0
            ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$_jobrun_options" -- "$cur"))
        return 0
    fi
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
