# sys.exit(n) sets the exit status; finally blocks run first
import sys
try:
    print("exiting with 3")
    sys.exit(3)
finally:
    print("finally ran")
print("not reached")
