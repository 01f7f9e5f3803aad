# sys.exit(False) exits 0; sys.exit(True) exits 1; here True, after output on stdout and stderr
import sys
print("out")
print("err", file=sys.stderr)
sys.exit(True)
