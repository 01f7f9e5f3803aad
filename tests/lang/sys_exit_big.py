# uncaught SystemExit with an int code above 255 gets truncated by the OS; with -1 exit status 255
import sys
print("before")
raise SystemExit(-1)
