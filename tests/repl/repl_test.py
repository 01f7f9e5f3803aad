#!/usr/bin/env python3
"""REPL tests: drive `minipy` through a real pseudo-terminal.

    repl_test.py MINIPY CASE     run one case (exit 0 on success)
    repl_test.py MINIPY          run every case
    repl_test.py --list          list the cases

Each case starts minipy on the slave side of a pty (so it sees a terminal and
starts the interactive loop with line editing), types keys into the master
side and reads what the terminal shows.  HOME is a fresh folder, so history
starts empty; the working folder is a fresh folder too.
"""
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import time

UP, LEFT = "\x1b[A", "\x1b[D"
CTRL_A, CTRL_C, CTRL_D, CTRL_E, CTRL_K, CTRL_U, CTRL_W = "\x01", "\x03", "\x04", "\x05", "\x0b", "\x15", "\x17"


class Failure(Exception):
    pass


class Session:
    def __init__(self, minipy, args=(), home=None, cwd=None):
        self.home = home or tempfile.mkdtemp(prefix="minipy-repl-home-")
        self.cwd = cwd or tempfile.mkdtemp(prefix="minipy-repl-cwd-")
        env = {"HOME": self.home, "TERM": "xterm", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
               "LANG": "C.UTF-8"}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(self.cwd)
            os.execve(minipy, [minipy] + list(args), env)
        self.out = ""
        self.status = None

    def read_until(self, text, timeout=5.0):
        """Read until `text` appears after what was already consumed."""
        deadline = time.time() + timeout
        while text not in self.out:
            left = deadline - time.time()
            if left <= 0:
                raise Failure("timed out waiting for %r; terminal shows:\n%s" % (text, self.out[-800:]))
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:
                    data = b""
                if not data:
                    raise Failure("minipy ended while waiting for %r; terminal shows:\n%s" % (text, self.out[-800:]))
                self.out += data.decode("utf-8", "replace")
        idx = self.out.index(text) + len(text)
        seen, self.out = self.out[:idx], self.out[idx:]
        return seen

    def prompt(self):
        return self.read_until(">>> ")

    def send(self, keys):
        # Keys typed while libedit switches the terminal to raw mode can be
        # flushed away: wait (briefly) until the line editor owns the
        # terminal.  While code runs the terminal stays cooked, so give up
        # after a moment and type anyway (Ctrl-C during a loop).
        deadline = time.time() + 0.5
        while time.time() < deadline:
            try:
                if not termios.tcgetattr(self.fd)[3] & termios.ICANON:
                    break
            except termios.error:
                break
            time.sleep(0.01)
        os.write(self.fd, keys.encode())

    def line(self, text):
        """Type a line at the prompt and return what appeared before the next prompt."""
        self.send(text + "\r")
        # The next prompt starts a line; libedit's redraws of the edited line
        # ("\r>>> ...") do not.  Keys typed before the terminal is switched
        # to raw mode may be echoed twice: drop echoes of the input itself.
        out = self.read_until("\n>>> ")
        return "\n".join(l for l in out.replace("\r", "").split("\n") if l != text)

    def wait_exit(self, timeout=5.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            try:
                r, _, _ = select.select([self.fd], [], [], 0.05)
                if r:
                    self.out += os.read(self.fd, 4096).decode("utf-8", "replace")
            except OSError:
                time.sleep(0.05)
        raise Failure("minipy did not exit")

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        os.close(self.fd)


def expect(cond, what, shown=""):
    if not cond:
        raise Failure(what + ("\n--- terminal:\n" + shown if shown else ""))


def last_lines(text):
    """Lines of output, without the echoed input line and the trailing prompt."""
    lines = text.replace("\r", "").split("\n")
    return [l for l in lines if l and not l.startswith(">>> ") and not l.startswith("... ")]


# ---- cases --------------------------------------------------------------------

def case_echo(minipy):
    s = Session(minipy)
    try:
        banner = s.prompt()
        expect("minipy" in banner, "banner names minipy", banner)
        out = s.line("6*7")
        expect(last_lines(out) == ["42"], "6*7 echoes 42", out)
        out = s.line("'a' + 'b'")
        expect(last_lines(out) == ["'ab'"], "a str echoes its repr", out)
        out = s.line("None")
        expect(last_lines(out) == [], "None is not echoed", out)
        out = s.line("x = 5")
        expect(last_lines(out) == [], "an assignment echoes nothing", out)
    finally:
        s.close()


def case_underscore(minipy):
    s = Session(minipy)
    try:
        s.prompt()
        s.line("40 + 2")
        out = s.line("_ + 1")
        expect(last_lines(out) == ["43"], "_ holds the last echoed value", out)
        s.line("None")
        out = s.line("_")
        expect(last_lines(out) == ["43"], "None does not rebind _", out)
    finally:
        s.close()


def case_multiline(minipy):
    s = Session(minipy)
    try:
        s.prompt()
        s.send("def f(x):\r")
        s.read_until("... ")
        s.send("    return x * 2\r")
        s.read_until("... ")
        out = s.line("")
        expect(last_lines(out) == [], "a def echoes nothing", out)
        out = s.line("f(21)")
        expect(last_lines(out) == ["42"], "the function defined over several lines works", out)
        s.send("total = (1 +\r")
        s.read_until("... ")
        out = s.line("2)")
        out = s.line("total")
        expect(last_lines(out) == ["3"], "an open bracket continues the statement", out)
        s.send("for i in range(3):\r")
        s.read_until("... ")
        s.send("    print(i)\r")
        s.read_until("... ")
        out = s.line("")
        expect(last_lines(out) == ["0", "1", "2"], "a loop runs after the blank line", out)
    finally:
        s.close()


def case_match_walrus_annotations(minipy):
    s = Session(minipy)
    try:
        s.prompt()
        s.send("match [1, 2]:\r")
        s.read_until("... ")
        s.send("    case [a, b]:\r")
        s.read_until("... ")
        s.send("        print(a + b)\r")
        s.read_until("... ")
        out = s.line("")
        expect(last_lines(out) == ["3"], "a match statement continues until the blank line", out)
        s.send("for i in range(3):\r")
        s.read_until("... ")
        s.send("    if i:\r")
        s.read_until("... ")
        s.send("        print(i)\r")
        s.read_until("... ")
        out = s.line("")
        expect(last_lines(out) == ["1", "2"], "nested blocks continue at the end of the input", out)
        out = s.line("(n := 6 * 7)")
        expect(last_lines(out) == ["42"], "an assignment expression echoes its value", out)
        out = s.line("n")
        expect(last_lines(out) == ["42"], "and binds the name", out)
        s.line("x: int = 1")
        out = s.line("__annotations__")
        expect(last_lines(out) == ["{'x': <class 'int'>}"], "annotations collect in the session", out)
        out = s.line("match = 5")
        out = s.line("match")
        expect(last_lines(out) == ["5"], "match is still a name", out)
    finally:
        s.close()


def case_error_keeps_state(minipy):
    s = Session(minipy)
    try:
        s.prompt()
        s.line("kept = 'still here'")
        out = s.line("1/0")
        expect("Traceback (most recent call last):" in out, "a traceback is printed", out)
        expect('File "<stdin>", line 1, in <module>' in out, "frames say <stdin>", out)
        expect("ZeroDivisionError: division by zero" in out, "the error line", out)
        out = s.line("undefined_name")
        expect("NameError: name 'undefined_name' is not defined" in out, "NameError", out)
        out = s.line("1 +")
        expect("SyntaxError" in out, "a syntax error is reported", out)
        out = s.line("kept")
        expect(last_lines(out) == ["'still here'"], "state survives errors", out)
    finally:
        s.close()


def case_cursor_editing(minipy):
    s = Session(minipy)
    try:
        s.prompt()
        out = s.line("print(1234)" + LEFT * 2 + "9")
        expect("12394" in out, "Left arrow moves the cursor for an insertion", out)
        out = s.line("3+4" + CTRL_A + "1")
        expect(last_lines(out)[-1:] == ["17"], "Ctrl-A goes to the start of the line", out)
        out = s.line("7*8+100" + LEFT * 4 + CTRL_K)
        expect(last_lines(out)[-1:] == ["56"], "Ctrl-K kills to the end of the line", out)
        out = s.line("garbage" + CTRL_U + "5*5")
        expect(last_lines(out)[-1:] == ["25"], "Ctrl-U kills the line", out)
        out = s.line("2*3" + CTRL_A + CTRL_E + "0")
        expect(last_lines(out)[-1:] == ["60"], "Ctrl-E goes to the end", out)
        out = s.line("9*9 junk" + CTRL_W)
        expect(last_lines(out)[-1:] == ["81"], "Ctrl-W kills the word before the cursor", out)
    finally:
        s.close()


def case_history(minipy):
    home = tempfile.mkdtemp(prefix="minipy-repl-home-")
    s = Session(minipy, home=home)
    try:
        s.prompt()
        s.line("counter = 0")
        s.line("counter += 1")
        out = s.line(UP)
        s.line(UP + UP)
        out = s.line("counter")
        expect(last_lines(out)[-1:] == ["3"], "Up recalls the previous lines", out)
        s.line("marker = 'from the first session'")
        s.send(CTRL_D)
        expect(s.wait_exit() == 0, "Ctrl-D exits with status 0")
    finally:
        s.close()
    expect(os.path.exists(os.path.join(home, ".minipy_history")), "history is saved in ~/.minipy_history")
    s = Session(minipy, home=home)
    try:
        s.prompt()
        s.line(UP)
        out = s.line("marker")
        expect(last_lines(out)[-1:] == ["'from the first session'"], "history survives across sessions", out)
    finally:
        s.close()


def case_ctrl_c(minipy):
    s = Session(minipy)
    try:
        s.prompt()
        s.send("while True: pass\r")
        s.read_until("... ")
        s.send("\r")
        time.sleep(0.5)
        s.send(CTRL_C)
        out = s.read_until(">>> ")
        expect("KeyboardInterrupt" in out, "Ctrl-C interrupts a running loop", out)
        s.send("partial line" + CTRL_C)
        out = s.read_until(">>> ")
        expect("KeyboardInterrupt" in out, "Ctrl-C at the prompt discards the line", out)
        out = s.line("1 + 1")
        expect(last_lines(out)[-1:] == ["2"], "the session goes on after Ctrl-C", out)
    finally:
        s.close()


def case_ctrl_d(minipy):
    s = Session(minipy)
    try:
        s.prompt()
        s.send(CTRL_D)
        expect(s.wait_exit() == 0, "Ctrl-D on an empty line exits with status 0")
    finally:
        s.close()
    s = Session(minipy)
    try:
        s.prompt()
        s.send("exit(3)\r")
        expect(s.wait_exit() == 3, "exit(3) exits with status 3")
    finally:
        s.close()
    s = Session(minipy)
    try:
        s.prompt()
        s.send("quit()\r")
        expect(s.wait_exit() == 0, "quit() exits with status 0")
    finally:
        s.close()


def case_completion(minipy):
    s = Session(minipy)
    try:
        s.prompt()
        s.line("my_long_variable = 5")
        out = s.line("my_lo\t")
        expect(last_lines(out)[-1:] == ["5"], "Tab completes a global name", out)
        s.line("import math")
        out = s.line("math.sq\t(16)")
        expect(last_lines(out)[-1:] == ["4.0"], "Tab completes an attribute after a dot", out)
        out = s.line("pri\t('done')")
        expect(last_lines(out)[-1:] == ["done"], "Tab completes a builtin", out)
    finally:
        s.close()


def case_imports_cache(minipy):
    s = Session(minipy)
    try:
        with open(os.path.join(s.cwd, "helper_mod.py"), "w") as f:
            f.write("VALUE = 'from helper'\n")
        s.prompt()
        out = s.line("import helper_mod; helper_mod.VALUE")
        expect(last_lines(out)[-1:] == ["'from helper'"], "the current folder is on sys.path", out)
        cached = os.listdir(os.path.join(s.cwd, "__pycache__"))
        expect(any(n.startswith("helper_mod.") and n.endswith(".pyc") for n in cached),
               "an import from the REPL writes the cache", " ".join(cached))
    finally:
        s.close()


def case_inspect_quiet(minipy):
    cwd = tempfile.mkdtemp(prefix="minipy-repl-cwd-")
    with open(os.path.join(cwd, "script.py"), "w") as f:
        f.write("answer = 41 + 1\nprint('script ran')\n")
    s = Session(minipy, args=["-q", "-i", "script.py"], cwd=cwd)
    try:
        first = s.prompt()
        expect("script ran" in first, "-i runs the script first", first)
        expect("minipy" not in first.replace("script ran", ""), "-q suppresses the banner", first)
        out = s.line("answer")
        expect(last_lines(out)[-1:] == ["42"], "-i keeps the script's globals", out)
    finally:
        s.close()


def case_input_tty(minipy):
    # input() on a terminal edits its line with libedit; output printed
    # before it shows first, and what it returns has no newline.
    cwd = tempfile.mkdtemp(prefix="minipy-repl-cwd-")
    with open(os.path.join(cwd, "ask.py"), "w") as f:
        f.write("print('before')\nx = input('name? ')\nprint(repr(x))\ny = input()\nprint(repr(y))\n"
                "try:\n    input('last? ')\nexcept EOFError as e:\n    print('EOFError', e)\n")
    s = Session(minipy, args=["ask.py"], cwd=cwd)
    try:
        s.read_until("before")
        s.read_until("name? ")
        s.send("abX" + LEFT + CTRL_K + "c\r")
        out = s.read_until("'abc'")
        s.send("second\r")
        s.read_until("'second'")
        s.read_until("last? ")
        s.send(CTRL_D)
        s.read_until("EOFError EOF when reading a line")
        expect(s.wait_exit() == 0, "the script ends normally", s.out)
    finally:
        s.close()


def case_piped_stdin(minipy):
    p = subprocess.run([minipy], input=b"print(6*7)\nx = 1\nx\n", capture_output=True, timeout=10)
    expect(p.stdout == b"42\n", "piped stdin is read as a script, without prompts or echo: %r" % p.stdout)
    expect(p.returncode == 0 and b">>>" not in p.stderr, "no prompts when stdin is not a terminal")


CASES = {name[5:]: fn for name, fn in sorted(globals().items()) if name.startswith("case_")}


def main():
    if sys.argv[1] == "--list":
        print("\n".join(CASES))
        return 0
    minipy = os.path.abspath(sys.argv[1])
    names = sys.argv[2:] or list(CASES)
    failed = 0
    for name in names:
        try:
            CASES[name](minipy)
            print("ok", name)
        except Failure as e:
            failed += 1
            print("FAIL %s: %s" % (name, e))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
