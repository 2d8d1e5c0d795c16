# Shared by the scripts in bin/: find a JDK 21+, build the project when needed, run a main class.
# Sourced, not executed. Sets JOBRUN_HOME, JAVA_HOME and JAVA.

# NOTE: only shell builtins up to the JVM (bin/lib/launch.sh): no dirname.
jobrun_lib=${BASH_SOURCE[0]%/*}
[ "$jobrun_lib" != "${BASH_SOURCE[0]}" ] || jobrun_lib=.
# NOTE: a plain path to bin/lib (no . or .. in it, as bin/jobrun and /path/to/bin/jobrun give) is cut as a string,
# which is what cd and pwd would make of it, without their subshell
case "$jobrun_lib" in /*) JOBRUN_HOME=$jobrun_lib ;; *) JOBRUN_HOME=$PWD/$jobrun_lib ;; esac
case "$JOBRUN_HOME/" in
  */./*|*/../*|*//*|/bin/lib/) JOBRUN_HOME=$(cd "$jobrun_lib/../.." && pwd) ;;
  */bin/lib/) JOBRUN_HOME=${JOBRUN_HOME%/bin/lib} ;;
  *) JOBRUN_HOME=$(cd "$jobrun_lib/../.." && pwd) ;;
esac
JOBRUN_MIN_JAVA=21
# The Maven arguments of the runner's build: the classes and the class path file, no test phase (so neither the
# test plugin nor the tests' dependencies are fetched on a first run: -Djobrun.noTests, the "tests" profile).
JOBRUN_RUNNER_BUILD=(-Djobrun.noTests -Dmaven.test.skip=true process-classes dependency:build-classpath@runtime-classpath)

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing if it is not a JDK.
jobrun_jdk_version() {
  local home=$1 version=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$version" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  [ "$version" = "1" ] && version=8
  echo "$version"
}

# JAVA_HOME when it is new enough; otherwise the newest JDK in the usual places.
jobrun_find_jdk() {
  local candidate version best="" best_version=0
  if [ -n "${JAVA_HOME:-}" ]; then
    version=$(jobrun_jdk_version "$JAVA_HOME")
    if [ -n "$version" ] && [ "$version" -ge "$JOBRUN_MIN_JAVA" ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  local java_on_path
  java_on_path=$(command -v javac 2>/dev/null) && java_on_path=$(dirname "$(dirname "$(readlink -f "$java_on_path")")")
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/jdk* \
                   "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home ${java_on_path:+"$java_on_path"}; do
    [ -d "$candidate" ] || continue
    version=$(jobrun_jdk_version "$candidate")
    if [ -n "$version" ] && [ "$version" -gt "$best_version" ]; then
      best=$candidate
      best_version=$version
    fi
  done
  if [ "$best_version" -ge "$JOBRUN_MIN_JAVA" ]; then
    echo "$best"
    return 0
  fi
  return 1
}

jobrun_require_jdk() {
  local found
  if ! found=$(jobrun_find_jdk); then
    cat >&2 <<MSG
jobrun needs a JDK $JOBRUN_MIN_JAVA or newer, and none was found.
Looked at JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm, /usr/java, /opt, ~/.sdkman and the javac on PATH.
Install one, for example:
  Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk   (or temurin-21-jdk / temurin-25-jdk)
  macOS:          brew install --cask temurin
  SDKMAN!:        sdk install java 25-tem
or point JAVA_HOME at an installed JDK $JOBRUN_MIN_JAVA+.
MSG
    exit 2
  fi
  export JAVA_HOME=$found
  JAVA="$JAVA_HOME/bin/java"
}

jobrun_require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "jobrun builds itself with Apache Maven, and 'mvn' is not on PATH." >&2
    echo "Install it (Debian/Ubuntu: sudo apt-get install maven; macOS: brew install maven) and run again." >&2
    exit 2
  fi
  # Maven's own libraries call sun.misc.Unsafe; newer JDKs warn about it on every run.
  if [ "$(jobrun_jdk_version "$JAVA_HOME")" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

# Builds target/classes, target/runtime.classpath and the runner jar when they are missing or older than a source
# file. The stamp is bin/jobrun's own: a build by bin/test does not make the runner jar.
jobrun_ensure_built() {
  local stamp="$JOBRUN_HOME/target/jobrun.stamp"
  if [ -f "$stamp" ] && [ -z "$(find "$JOBRUN_HOME/src/main" "$JOBRUN_HOME/pom.xml" -newer "$stamp" -print -quit)" ]; then
    return 0
  fi
  jobrun_require_maven
  local log="$JOBRUN_HOME/target/build.log"
  if [ ! -d "$JOBRUN_HOME/target/classes" ]; then
    cat >&2 <<MSG
jobrun: first build. Maven fetches what jobrun runs on into ~/.m2 (about 55 MB with its build plugins, once):
  Groovy (job files), snakeyaml-engine (YAML job files), Hazelcast (the cluster executor), slf4j (logging)
  and the GraalVM polyglot API. The script languages (GraalVM JavaScript and Python, about 180 MB) are fetched
  only when a job first runs a script task, or now with: bin/jobrun --install-scripts
MSG
  fi
  mkdir -p "$JOBRUN_HOME/target"
  echo "jobrun: building (sources changed or first run) ..." >&2
  # NOTE: without the script languages (the "scripts" profile): jobrun_install_scripts fetches them when needed.
  if ! (cd "$JOBRUN_HOME" && mvn -B -q -Djobrun.noScripts "${JOBRUN_RUNNER_BUILD[@]}" >"$log" 2>&1); then
    echo "jobrun: the build failed; its output follows ($log)" >&2
    cat "$log" >&2
    exit 2
  fi
  # NOTE: the runner runs from a jar, since a JDK 25 AOT cache only records classes from jars (bin/lib/launch.sh);
  # made with the JDK's jar tool rather than a Maven plugin, which would download 15 MB more on a first build.
  "$JAVA_HOME/bin/jar" --create --file "$JOBRUN_HOME/target/jobrun-runner.jar.$$" -C "$JOBRUN_HOME/target/classes" . &&
    mv -f "$JOBRUN_HOME/target/jobrun-runner.jar.$$" "$JOBRUN_HOME/target/jobrun-runner.jar"
  touch "$stamp"
  # the runner's AOT caches belong to the build they were trained on (bin/lib/launch.sh)
  rm -rf "$JOBRUN_HOME/target/aot"
}

# Fetches the script languages (GraalVM JavaScript and Python) into target/polyglot/, where script tasks load them.
jobrun_install_scripts() {
  jobrun_require_maven
  local log="$JOBRUN_HOME/target/install-scripts.log"
  mkdir -p "$JOBRUN_HOME/target"
  echo "jobrun: fetching the script languages for script tasks (GraalVM JavaScript and Python, about 180 MB into" \
    "~/.m2, once) ..." >&2
  if ! (cd "$JOBRUN_HOME" && mvn -B -q "${JOBRUN_RUNNER_BUILD[@]}" >"$log" 2>&1); then
    echo "jobrun: fetching the script languages failed; Maven's output follows ($log)" >&2
    cat "$log" >&2
    exit 2
  fi
  echo "jobrun: script languages ready in target/polyglot/" >&2
}

# JVM options for script tasks (the same as ScriptEngine.jvmOptions()): Truffle loads a native library and uses
# sun.misc.Unsafe, and without these newer JDKs print a warning block on a job's first script (Hazelcast's shaded
# JCTools uses sun.misc.Unsafe too).
jobrun_jvm_flags() {
  local version
  version=$(jobrun_jdk_version "$JAVA_HOME")
  [ "$version" -ge 22 ] && printf '%s\n' "--enable-native-access=ALL-UNNAMED"
  [ "$version" -ge 24 ] && printf '%s\n' "--sun-misc-unsafe-memory-access=allow"
  return 0
}

# What Hazelcast asks of a JDK 9+ for its best performance (the list it logs when they are missing): only for
# `bin/jobrun member`. A runner works without them (a client, or the embedded member of a small run, loses only a
# selector optimisation and some metrics), and they cost every job 8-10% more CPU to start (README).
jobrun_member_flags() {
  printf '%s\n' --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
    --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
}

jobrun_classpath() {
  echo "$JOBRUN_HOME/target/classes:$(cat "$JOBRUN_HOME/target/runtime.classpath")"
}
