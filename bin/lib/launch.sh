# The fast start of bin/jobrun. Sourced after common.sh, not executed.
#
# A run whose build is current starts no process before the JVM: no Maven, no `find`, no `sed`. What the slow path
# works out once (the JDK, its flags, the class path, the list of sources) is kept in target/launch.env, and the build
# is current when no source file or folder listed there is newer than the build stamp: bash's own `-nt` test, one
# stat per entry. A new, deleted or renamed file changes its folder's time, an edit the file's own.
#
# On JDK 25+ the runner uses an AOT cache (JEP 514) of the classes it loads and links to start, one per syntax, since a
# YAML run needs none of Groovy: target/aot/runner-KIND-JDK.aot. It is trained by running the files in bin/lib/training/
# (in the background after a run that found none, so that run is not slowed; in the foreground with JOBRUN_AOT=wait;
# never with JOBRUN_AOT=off), and it goes with the build: a build removes target/aot/.

JOBRUN_LAUNCH_FILE="$JOBRUN_HOME/target/launch.env"
JOBRUN_STAMP="$JOBRUN_HOME/target/jobrun.stamp"

# Sets runner_flags, the start-up options of the runner: Serial GC starts faster than G1 and suits one short-lived
# runner; no perf data file. No collector when JOBRUN_JAVA_OPTS chooses one itself (two would be an error).
jobrun_runner_flags() {
  case "${JOBRUN_JAVA_OPTS:-}" in
    *GC*) runner_flags=(-XX:-UsePerfData) ;;
    *) runner_flags=(-XX:+UseSerialGC -XX:-UsePerfData) ;;
  esac
}

# Whether target/launch.env describes this checkout, this JAVA_HOME and a current build; sets launch_* when it does.
# Starts no process.
jobrun_launch_current() {
  [ -f "$JOBRUN_LAUNCH_FILE" ] && [ -f "$JOBRUN_STAMP" ] || return 1
  local launch_home="" launch_java_home_given="" entry
  launch_sources=()
  # shellcheck source=/dev/null
  source "$JOBRUN_LAUNCH_FILE" || return 1
  [ "$launch_home" = "$JOBRUN_HOME" ] && [ "$launch_java_home_given" = "${JAVA_HOME:-}" ] || return 1
  [ -x "$launch_java" ] || return 1
  for entry in "${launch_sources[@]}"; do
    [[ "$entry" -nt "$JOBRUN_STAMP" ]] && return 1
  done
  return 0
}

# Writes target/launch.env for the next runs, after the slow path found the JDK and made sure of the build.
jobrun_write_launch() {
  local java_home_given=$1 file="$JOBRUN_LAUNCH_FILE.$$" entry
  {
    printf 'launch_home=%q\n' "$JOBRUN_HOME"
    printf 'launch_java_home_given=%q\n' "$java_home_given"
    printf 'launch_java_home=%q\n' "$JAVA_HOME"
    printf 'launch_java=%q\n' "$JAVA"
    printf 'launch_java_version=%q\n' "$(jobrun_jdk_version "$JAVA_HOME")"
    printf 'launch_classpath=%q\n' "$(jobrun_runner_classpath)"
    printf 'launch_flags=('
    for entry in $(jobrun_jvm_flags); do printf ' %q' "$entry"; done
    printf ' )\nlaunch_sources=(\n'
    find "$JOBRUN_HOME/pom.xml" "$JOBRUN_HOME/src/main" -print | while IFS= read -r entry; do printf '%q\n' "$entry"; done
    printf ')\n'
  } >"$file" && mv -f "$file" "$JOBRUN_LAUNCH_FILE"
}

# The runner's class path: the runner jar (an AOT cache needs jars) and the runtime dependencies.
jobrun_runner_classpath() {
  local jar="$JOBRUN_HOME/target/jobrun-runner.jar"
  if [ -f "$jar" ]; then
    echo "$jar:$(cat "$JOBRUN_HOME/target/runtime.classpath")"
  else
    jobrun_classpath
  fi
}

# Sets aot_kind to the syntax of the first job file among the arguments, which names the AOT cache to use: groovy,
# yaml or none.
jobrun_aot_kind() {
  local arg
  aot_kind=none
  for arg in "$@"; do
    case "$arg" in
      *.groovy) aot_kind=groovy; return 0 ;;
      *.yaml|*.yml) aot_kind=yaml; return 0 ;;
    esac
  done
}

# Sets aot_options to use the AOT cache of KIND (groovy, yaml, none) when it is ready; otherwise trains it (see the
# top of this file) and leaves them empty. Uses the launch_* values and runner_flags.
jobrun_aot_options() {
  local kind=$1
  aot_options=()
  [ "$kind" != none ] && [ "${JOBRUN_AOT:-on}" != off ] && [ "${launch_java_version:-0}" -ge 25 ] &&
    [[ "$launch_classpath" == *-runner.jar:* ]] || return 0
  local cache="$JOBRUN_HOME/target/aot/runner-$kind-${launch_java//[^A-Za-z0-9]/_}.aot"
  # NOTE: a runner jar newer than the cache (bin/test, --install-scripts rebuild it) makes the cache useless: the
  # JVM checks the jar's time. Trained again, as if missing.
  if [ ! -f "$cache" ] || [[ "${launch_classpath%%:*}" -nt "$cache" ]]; then
    if [ "${JOBRUN_AOT:-on}" = wait ]; then
      jobrun_train_aot "$kind" "$cache" "" "${runner_flags[@]}" "${launch_flags[@]}"
    else
      # NOTE: it waits for this run to end first (the JVM this shell becomes keeps its pid), so as not to slow it.
      (jobrun_train_aot "$kind" "$cache" "$$" "${runner_flags[@]}" "${launch_flags[@]}" </dev/null >/dev/null 2>&1 &)
      return 0
    fi
  fi
  # a cache the JVM cannot use (another JDK build at the same path) is skipped without a word
  [ -f "$cache" ] && [[ ! "${launch_classpath%%:*}" -nt "$cache" ]] &&
    aot_options=("-XX:AOTCache=$cache" "-Xlog:aot*=off,cds*=off")
  return 0
}

# Trains the AOT cache of KIND: one training at a time (a lock folder), written aside and moved into place.
# Arguments: KIND CACHE PID-TO-WAIT-FOR (or "") JVM-FLAGS...
jobrun_train_aot() {
  local kind=$1 cache=$2 after=$3 java=$launch_java classpath=$launch_classpath
  shift 3
  if [ -n "$after" ]; then
    while kill -0 "$after" 2>/dev/null; do sleep 1; done
  fi
  local dir="$JOBRUN_HOME/target/aot" lock="$JOBRUN_HOME/target/aot/training-$kind.lock"
  local work="$dir/training-$kind" job
  mkdir -p "$dir" 2>/dev/null || return 0
  if ! mkdir "$lock" 2>/dev/null; then
    # another run trains it; when that run died, its lock is stale
    local owner=""
    read -r owner <"$lock/pid" 2>/dev/null || true
    if [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null; then
      [ "${JOBRUN_AOT:-on}" = wait ] && while [ -d "$lock" ] && kill -0 "$owner" 2>/dev/null; do sleep 1; done
      return 0
    fi
    rm -rf "$lock"
    mkdir "$lock" 2>/dev/null || return 0
  fi
  echo "${BASHPID:-$$}" >"$lock/pid"
  rm -rf "$work"
  mkdir -p "$work"
  cp "$JOBRUN_HOME/bin/lib/training/"* "$work/"
  case "$kind" in groovy) job=$work/startup.groovy ;; *) job=$work/startup.yaml ;; esac
  # NOTE: a first run compiles the Groovy training file, so the cache records a run of a file whose classes are
  # kept: the usual run, which loads no Groovy compiler.
  local partial="$cache.${BASHPID:-$$}"
  (cd "$work" && export JOBRUN_CACHE_DIR="$work/cache" &&
    { [ "$kind" != groovy ] || "$java" "$@" -cp "$classpath" io.jobrun.cli.Main "$job" >/dev/null 2>&1; } &&
    "$java" "$@" -XX:AOTCacheOutput="$partial" -Xlog:aot*=off,cds*=off -cp "$classpath" io.jobrun.cli.Main "$job" \
      >/dev/null 2>&1 &&
    mv -f "$partial" "$cache")
  rm -f "$partial" "$partial.config"
  rm -rf "$lock" "$work"
}
