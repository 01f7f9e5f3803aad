# regular expressions: a log file scanned with search/findall/finditer/sub/
# split (literal prefixes, classes, groups, alternation, backreferences and
# lookarounds), on ASCII and non-ASCII text; run through a driver: bench(f, *args).
import re

LEVELS = ["INFO", "WARN", "ERROR", "DEBUG"]
USERS = ["alice", "bob", "carol", "dave", "émile", "zoë"]


def make_log(n):
    lines = []
    for i in range(n):
        lines.append("2024-%02d-%02d %02d:%02d:%02d [%s] user=%s ip=10.%d.%d.%d took %dms path=/api/v%d/items/%d"
                     % (i % 12 + 1, i % 28 + 1, i % 24, i % 60, (i * 7) % 60, LEVELS[i % 4], USERS[i % 6],
                        i % 256, (i * 3) % 256, (i * 11) % 256, (i * 37) % 1000, i % 3, i))
    return "\n".join(lines)


def scan(text):
    out = []
    line_re = re.compile(r"^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) \[(?P<level>\w+)\] user=(?P<user>\w+)"
                         r" ip=(?P<ip>\d+(?:\.\d+){3}) took (?P<ms>\d+)ms path=(?P<path>\S+)$", re.M)
    slow = 0
    per_level = {}
    for m in line_re.finditer(text):
        per_level[m["level"]] = per_level.get(m["level"], 0) + 1
        if int(m["ms"]) > 900:
            slow += 1
    out.append(sorted(per_level.items()))
    out.append(slow)
    out.append(len(re.findall(r"\b\d+\.\d+\.\d+\.\d+\b", text)))
    out.append(len(re.findall(r"(?<=user=)[^\W\d]+", text)))
    out.append(re.search(r"items/(\d+)\s*$", text).group(1))
    out.append(len(re.sub(r"(\d+)ms", lambda m: str(int(m.group(1)) // 10) + "cs", text)))
    out.append(len(re.sub(r"ip=(\d+)\.(\d+)", r"ip=\2.\1", text)))
    out.append(len(re.split(r"\s*\[(?:INFO|WARN)\]\s*", text)))
    out.append(len(re.findall(r"(?i)error|warn", text)))
    out.append(sum(1 for _ in re.finditer(r"(\d)\1", text)))
    out.append(re.search("needle", text + "needle").start())
    return out


def bench(f, *args):
    return f(*args)


text = make_log(20000)
for _ in range(3):
    result = bench(scan, text)
print(result)
