# The fast start of bin/jobrun. Sourced after common.sh, not executed.
#
# A run whose build is current starts no process before the JVM: no Maven, no `find`, no `sed`. What the slow path
# works out once (the JDK, its flags, the class path, the list of sources) is kept in target/launch.env, and the build
# is current when no source file or folder listed there is newer than the build stamp: bash's own `-nt` test, one
# stat per entry. A new, deleted or renamed file changes its folder's time, an edit the file's own.
#
# On JDK 25+ the runner uses an AOT cache (JEP 514) of the classes it loads and links to start, one per syntax, since a
# YAML run needs none of Groovy: target/aot/runner-KIND-JDK.aot; and one per syntax for runs on a cluster (--cluster or
# JOBRUN_CLUSTER), whose Hazelcast client is half the classes such a run loads: KIND-cluster. It is trained by running
# the files in bin/lib/training/ (a cluster kind against a member started for it, on 127.0.0.1) in the background
# after a run that found none, so that run is not slowed; in the foreground with JOBRUN_AOT=wait; never with
# JOBRUN_AOT=off. It goes with the build: a build removes target/aot/.

JOBRUN_LAUNCH_FILE="$JOBRUN_HOME/target/launch.env"
JOBRUN_STAMP="$JOBRUN_HOME/target/jobrun.stamp"

# Sets runner_flags, the start-up options of the runner: Serial GC starts faster than G1 and suits one short-lived
# runner; no perf data file; the heap in huge pages where the kernel offers them; the JIT compilers start on a method
# after 10 times the usual number of calls and loops (in a one-task run they took half the CPU time, compiling code
# that had already run its last; a CPU-bound task of seconds reaches compiled code a few milliseconds later and takes
# the same CPU time, README). No collector when
# JOBRUN_JAVA_OPTS chooses one itself (two would be an error); its own JIT options come after these and win.
jobrun_runner_flags() {
  case "${JOBRUN_JAVA_OPTS:-}" in
    *GC*) runner_flags=(-XX:-UsePerfData) ;;
    *) runner_flags=(-XX:+UseSerialGC -XX:-UsePerfData) ;;
  esac
  runner_flags+=(-XX:CompileThresholdScaling=10)
  # NOTE: except SHA-256's block function, whose JIT intrinsic only compiled code gets: at 10 times the usual calls a
  # run's result hashes (the JSON report's entries) ran interpreted, 40 us a block, 25 ms per 1,000 results (README).
  runner_flags+=(-XX:CompileCommand=quiet
    -XX:CompileCommand=CompileThresholdScaling,sun.security.provider.SHA2::implCompress0,0.01)
  # NOTE: the heap in transparent huge pages where the kernel offers them (a JVM that asks where it does not warns on
  # stdout): a page fault per 2 MB instead of per 4 KB. On a virtual machine whose faults are dear, a 100 MB heap
  # filled in 4 KB pages took 1.2-1.5 s and 90 ms to give back at exit, in huge pages 0.16-0.7 s and 9 ms; a one-task
  # run is 6% faster (README). The user's own options come later and win.
  local huge_pages=""
  read -r huge_pages </sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || true
  case "$huge_pages" in
    *"[always]"*|*"[madvise]"*) runner_flags+=(-XX:+UseTransparentHugePages) ;;
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
    for entry in $(jobrun_jvm_flags) $(jobrun_build_properties); do printf ' %q' "$entry"; done
    printf ' )\nlaunch_sources=(\n'
    find "$JOBRUN_HOME/pom.xml" "$JOBRUN_HOME/src/main" -print | while IFS= read -r entry; do printf '%q\n' "$entry"; done
    printf ')\n'
  } >"$file" && mv -f "$file" "$JOBRUN_LAUNCH_FILE"
}

# The build's version and moment as the system properties io.jobrun.job.BuildInfo reads, taken from the build's
# version.properties once per build: a run that reads them from the runner's jar pays 6-12 ms of its start for it.
jobrun_build_properties() {
  local key value
  [ -f "$JOBRUN_HOME/target/classes/io/jobrun/cli/version.properties" ] || return 0
  while IFS='=' read -r key value; do
    case "$key" in
      version) printf '%s\n' "-Djobrun.version=$value" ;;
      build) printf '%s\n' "-Djobrun.build=$value" ;;
    esac
  done <"$JOBRUN_HOME/target/classes/io/jobrun/cli/version.properties"
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

# Sets aot_kind, which names the run's AOT cache and class path: groovy when a job file among the arguments is Groovy,
# yaml when they are YAML, none without a job file; with -cluster after it when the run goes to a cluster (--cluster,
# JOBRUN_CLUSTER, or a job file that names one).
jobrun_aot_kind() {
  local arg cluster="" yaml=""
  aot_kind=none
  [ -z "${JOBRUN_CLUSTER:-}" ] || cluster=-cluster
  for arg in "$@"; do
    case "$arg" in
      --cluster|--cluster=*) cluster=-cluster ;;
      *.groovy|*.yaml|*.yml)
        if [[ "$arg" == *.groovy ]]; then aot_kind=groovy; else yaml=yes; fi
        if jobrun_may_name_cluster "$arg"; then cluster=-cluster; fi ;;
    esac
  done
  if [ "$aot_kind" = none ] && [ -n "$yaml" ]; then aot_kind=yaml; fi
  if [ "$aot_kind" != none ]; then aot_kind+=$cluster; fi
  return 0
}

# Whether the job file $1 may declare a cluster executor: it says "cluster", or it is longer than this reads (256 KB).
# A file that cannot be read may not: the runner reports it. NOTE: bash's own read, no process.
jobrun_may_name_cluster() {
  local text=""
  [ -r "$1" ] && [ -f "$1" ] || return 1
  # NOTE: read -N fails at the end of the file; succeeding, it stopped before it
  if IFS= read -r -N 262144 text <"$1"; then return 0; fi
  [[ "$text" == *cluster* ]]
}

# Sets launch_cp, the class path of a run of KIND: a run that goes to no cluster leaves out Hazelcast's jar, and a YAML
# one Groovy's jars too, which they never load. NOTE: the JDK's look-up of a logging back-end (at the first process
# start and at the exit) and Groovy's of extension modules open every jar of the class path, and those hold 17,000
# entries: a one-task YAML run took 11 ms longer and 29 ms more CPU with them, a Groovy run 5-16 ms and 19 ms with
# Hazelcast's (README).
jobrun_run_classpath() {
  local kind=$1 entry entries
  launch_cp=$launch_classpath
  case "$kind" in yaml|groovy) ;; *) return 0 ;; esac
  launch_cp=""
  IFS=: read -r -a entries <<<"$launch_classpath"
  for entry in "${entries[@]}"; do
    case "$kind:${entry##*/}" in
      *:hazelcast-*.jar|yaml:groovy-*.jar) ;;
      *) launch_cp+=${launch_cp:+:}$entry ;;
    esac
  done
}

# Sets aot_options to use the AOT cache of KIND (groovy, yaml, none) when it is ready; otherwise trains it (see the
# top of this file) and leaves them empty. Uses the launch_* values, launch_cp and runner_flags.
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
      # NOTE: in a subshell, as a cluster kind's training sets a secret of its own
      (jobrun_train_aot "$kind" "$cache" "" "${runner_flags[@]}" "${launch_flags[@]}")
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
  local kind=$1 cache=$2 after=$3 java=$launch_java classpath=$launch_cp
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
  case "$kind" in
    groovy) job=$work/startup.groovy ;;
    groovy-cluster) job=$work/cluster.groovy ;;
    yaml-cluster) job=$work/cluster.yaml ;;
    *) job=$work/startup.yaml ;;
  esac
  local cluster=()
  training_member_pid=""
  if [[ "$kind" == *-cluster ]]; then
    jobrun_training_member "$work" "$classpath" "$@" || { rm -rf "$lock" "$work"; return 0; }
    cluster=(--cluster "$training_member_address")
  fi
  # NOTE: a first run compiles the Groovy training file, so the cache records a run of a file whose classes are
  # kept: the usual run, which loads no Groovy compiler.
  # NOTE: a YAML cache without the methods' profiles (JEP 515, recorded by default on JDK 25): a run that finds them
  # hands each class's methods to the JIT as the class initializes, which in a one-task run cost 50-60 ms of CPU more
  # (the C1 compiler's and a replay thread's, which the main thread signals thousands of times) for code that has
  # already run its last. A Groovy run keeps them: its critical path is Groovy's own start (the metaclass registry),
  # which they get compiled sooner, 15-30 ms of wall time less for the same CPU (README). A JDK without the option
  # ignores it.
  local partial="$cache.${BASHPID:-$$}" unprofiled=()
  [[ "$kind" == groovy* ]] || unprofiled=(-XX:+IgnoreUnrecognizedVMOptions -XX:+UnlockDiagnosticVMOptions
    -XX:-AOTRecordTraining)
  (cd "$work" && export JOBRUN_CACHE_DIR="$work/cache" &&
    { [[ "$kind" != groovy* ]] || "$java" "$@" -cp "$classpath" io.jobrun.cli.Main "$job" "${cluster[@]}" \
      >/dev/null 2>&1; } &&
    "$java" "$@" "${unprofiled[@]}" -XX:AOTCacheOutput="$partial" -Xlog:aot*=off,cds*=off -cp "$classpath" \
      io.jobrun.cli.Main "$job" "${cluster[@]}" >/dev/null 2>&1 &&
    mv -f "$partial" "$cache")
  if [ -n "$training_member_pid" ]; then
    kill -TERM "$training_member_pid" 2>/dev/null || true
    wait "$training_member_pid" 2>/dev/null || true
  fi
  rm -f "$partial" "$partial.config"
  rm -rf "$lock" "$work"
}

# Starts a member on 127.0.0.1 for a cluster kind's training, with a secret of its own (exported for the training
# runs); sets training_member_pid and training_member_address, or fails when it is not ready within two minutes.
# Arguments: WORK CLASSPATH JVM-FLAGS...
jobrun_training_member() {
  local work=$1 classpath=$2 waited=0 line
  shift 2
  training_member_pid=""
  JOBRUN_CLUSTER_SECRET=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
  export JOBRUN_CLUSTER_SECRET
  unset JOBRUN_CLUSTER_SECRET_FILE JOBRUN_CLUSTER
  "$launch_java" "$@" -cp "$classpath" io.jobrun.cli.Main member --bind 127.0.0.1:0 --slots 2 \
    >"$work/member.log" 2>&1 </dev/null &
  training_member_pid=$!
  while ! line=$(grep -m1 ' ready: ' "$work/member.log" 2>/dev/null); do
    if ! kill -0 "$training_member_pid" 2>/dev/null || [ "$waited" -ge 1200 ]; then
      kill -KILL "$training_member_pid" 2>/dev/null || true
      training_member_pid=""
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  training_member_address=${line#jobrun member }
  training_member_address=${training_member_address%% *}
}
