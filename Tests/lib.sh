# Shared by the shell suites (sourced, not run): the pass and fail counts, and the tally that
# ends a suite. `ok` counts a check that passed; `fail WHAT` counts one that failed and says
# what; `finish NAME` prints "NAME: N passed, M failed" and fails when any check failed.
passed=0 failed=0
ok()   { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
finish() {
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
