# Prints the columns named in the first file's header, in that order, out of the second file
# (csperf's metrics CSV): awk -F, -f bench/pick_columns.awk WANTED.csv CSPERF.csv
# Plain comma splitting: the key and the numbers of these columns hold no commas.
NR == FNR { if (FNR == 1) n = split($0, want, ","); next }
FNR == 1 {
  for (i = 1; i <= NF; i++) at[$i] = i
  for (j = 1; j <= n; j++) {
    if (!(want[j] in at)) { print "csperf prints no column " want[j] > "/dev/stderr"; exit 1 }
  }
}
{
  line = ""
  for (j = 1; j <= n; j++) line = line (j > 1 ? "," : "") $(at[want[j]])
  print line
}
