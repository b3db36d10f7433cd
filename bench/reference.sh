# shellcheck shell=bash
# The reference workload as bench/run and bench/counts run it; sourced by both.

# reference_scenario N HOURS FILE: writes the reference workload scenario with N clients over
# HOURS virtual hours to FILE, without its expectations (they pin the counts of N = 1,000
# over 15 hours).
reference_scenario() {
  sed -e "s/clients=1000 /clients=$1 /" -e "s/until=15h /until=${2}h /" \
    -e "s/^advance 15h$/advance ${2}h/" -e '/^expect /d' \
    scenarios/capacity/reference-workload-n1000.vlab > "$3"
}

# equal_counts KERNEL_OUT LAB_OUT WHAT: prints the workload events of the two runs, whose
# COUNTS lines (the kernel's, and the fleet's own in tokenlab's report) must be equal; when
# they differ, says so for WHAT and fails.
equal_counts() {
  local kernel_counts lab_counts
  kernel_counts=$(grep -o 'COUNTS N=.*' "$1")
  lab_counts=$(grep -o 'COUNTS N=.*' "$2" | tail -1)
  if [ "$kernel_counts" != "$lab_counts" ]; then
    echo "bench: the counts differ at $3" >&2
    echo "  kernel:   $kernel_counts" >&2
    echo "  tokenlab: $lab_counts" >&2
    return 1
  fi
  echo "$kernel_counts" | grep -o 'events=[0-9]*' | cut -d= -f2
}
