# subprocess (CPython's) over _posixsubprocess.fork_exec, select.poll and
# posix: run, pipes, input, errors, return codes, text mode.
import os
import signal
import subprocess
import sys

r = subprocess.run(["echo", "hi"], capture_output=True)
print(r)
r = subprocess.run(["sh", "-c", "echo out; echo err >&2; exit 3"], capture_output=True)
print(r.returncode, r.stdout, r.stderr)
r = subprocess.run(["cat"], input=b"fed through stdin", capture_output=True)
print(r.stdout)
r = subprocess.run(["sh", "-c", "echo $MINIPY_SP"], capture_output=True, env={"MINIPY_SP": "from env"})
print(r.stdout)
r = subprocess.run(["pwd"], capture_output=True, cwd="/")
print(r.stdout)
r = subprocess.run(["sh", "-c", "echo both; echo err >&2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
print(r.stdout, r.stderr)
r = subprocess.run(["cat"], input="text mode\nline 2\n", capture_output=True, text=True)
print(repr(r.stdout), type(r.stdout).__name__)
print(subprocess.call(["true"]), subprocess.call(["false"]))
print(subprocess.check_output(["echo", "check"]))
print(subprocess.check_output("echo $((6*7))", shell=True))
print(subprocess.getoutput("echo getoutput; exit 1"), subprocess.getstatusoutput("exit 4"))
r = subprocess.run([sys.executable, "-c", "import sys; print(sys.argv[1:]); sys.exit(5)", "a", "b"],
                   capture_output=True)
print(r.returncode, r.stdout)
for args, kw in [(["/nonexistent/prog"], {}), (["true"], {"cwd": "/nonexistent"})]:
    try:
        subprocess.run(args, **kw)
    except FileNotFoundError as e:
        print("FileNotFoundError", e)
try:
    subprocess.check_call(["sh", "-c", "exit 2"])
except subprocess.CalledProcessError as e:
    print("CalledProcessError", e, e.returncode)
try:
    subprocess.run(["sleep", "5"], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired", e.cmd)
p = subprocess.Popen(["sleep", "5"])
print(p.poll(), type(p.pid).__name__)
p.terminate()
print(p.wait(), p.returncode == -signal.SIGTERM)
p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, err = p.communicate(b"via communicate")
print(out, err, p.returncode)
with subprocess.Popen(["sh", "-c", "echo one; echo two"], stdout=subprocess.PIPE) as p:
    print(p.stdout.read())
print(p.returncode)
r = subprocess.run(["sh", "-c", "ls /proc/self/fd | wc -l"], capture_output=True)
print(int(r.stdout) <= 5)
