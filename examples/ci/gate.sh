#!/bin/sh
# A CI gate for any runner with stacklint on PATH: prints every finding, fails the job on the
# errors that would fail a deployment, and keeps a JSON report for later steps.
# Usage: gate.sh [PATH...]   (default: the current directory)
if [ "$#" -eq 0 ]; then set -- .; fi
stacklint --fail-on error --output-json stacklint-report.json "$@"
status=$?
case $status in
  0) echo "stacklint: no errors" ;;
  1) echo "stacklint: errors above would fail a deployment (report: stacklint-report.json)" ;;
  *) echo "stacklint: the templates could not all be checked (exit code $status)" ;;
esac
exit "$status"
