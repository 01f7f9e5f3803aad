# pathlib: pure path algebra, then a real directory tree in a temp dir
# (only paths relative to the temp dir are printed).
import os
import pathlib
import tempfile
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

p = PurePosixPath("/usr/local/lib/python3.11/site.tar.gz")
print(p, repr(p))
print(p.parts, p.drive, p.root, p.anchor)
print(p.name, p.stem, p.suffix, p.suffixes)
print(p.parent, list(map(str, p.parents))[:3])
print(p.with_name("x.py"), p.with_suffix(".bz2"), p.with_stem("other"))
print(p.relative_to("/usr/local"), p.is_relative_to("/usr"), p.is_relative_to("/etc"))
print(p.is_absolute(), PurePosixPath("a/b").is_absolute())
print(PurePosixPath("a") / "b" / "../c", PurePosixPath("a", "/b", "c"))
print(PurePosixPath("a//b/./c/"), PurePosixPath("//x/y"), PurePosixPath("///x"))
print(PurePosixPath("a/b").joinpath("c", "d"), PurePosixPath("a/b.py").match("*.py"),
      PurePosixPath("/a/b.py").match("/*.py"), PurePosixPath("a/b/c.py").match("b/*.py"))
print(PurePosixPath("a") == PurePosixPath("a/"), PurePosixPath("a") < PurePosixPath("b"),
      hash(PurePosixPath("x")) == hash(PurePosixPath("x")))
print(sorted([PurePosixPath("b"), PurePosixPath("a/c"), PurePosixPath("a")]))
print(PurePosixPath("/a/b").as_uri(), PurePosixPath("x").as_posix(), os.fspath(PurePosixPath("q/r")))
print(PurePath("a/b") == PurePosixPath("a/b"), type(PurePath("a")).__name__)
w = PureWindowsPath(r"C:\Users\me\file.TXT")
print(w, w.drive, w.root, w.parts, w.as_posix(), w.suffix)
print(PureWindowsPath("c:/a") == PureWindowsPath("C:\\A"), PureWindowsPath("//srv/share/x").anchor)
for bad in [lambda: p.relative_to("/etc"), lambda: PurePosixPath("a").with_suffix("b"),
            lambda: PurePosixPath("/").with_name("x"), lambda: PurePosixPath("a") / 3,
            lambda: PurePosixPath("").with_suffix(".x")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

with tempfile.TemporaryDirectory() as tmp:
    base = Path(tmp)
    rel = lambda q: q.relative_to(base).as_posix()
    (base / "src" / "pkg").mkdir(parents=True)
    (base / "docs").mkdir()
    try:
        (base / "docs").mkdir()
    except FileExistsError as e:
        print("FileExistsError", e.errno, e.strerror)
    (base / "docs").mkdir(exist_ok=True)
    print((base / "src" / "a.py").write_text("print('a')\n"))
    (base / "src" / "pkg" / "__init__.py").write_text("")
    (base / "src" / "pkg" / "mod.py").write_text("x = 1\ny = 2\n")
    (base / "docs" / "index.txt").write_bytes(b"\x00\x01binary")
    (base / "README").write_text("hello\nworld\n", encoding="utf-8")
    print(sorted(rel(q) for q in base.iterdir()))
    print(sorted(rel(q) for q in base.glob("*/*.py")))
    print(sorted(rel(q) for q in base.rglob("*.py")))
    print(sorted(rel(q) for q in base.glob("**/")))
    print(sorted(rel(q) for q in base.glob("src/**/*")))
    r = base / "README"
    print(r.read_text().splitlines(), r.read_bytes()[:5], (base / "docs/index.txt").read_bytes())
    st = r.stat()
    print(st.st_size, r.exists(), r.is_file(), r.is_dir(), base.joinpath("docs").is_dir(),
          (base / "nope").exists())
    with r.open("a") as f:
        f.write("more\n")
    print(r.read_text().count("\n"), r.stat().st_size)
    moved = r.rename(base / "docs" / "README.md")
    print(rel(moved), r.exists(), moved.exists(), moved.suffix)
    moved.replace(base / "README2")
    print(sorted(rel(q) for q in base.iterdir()))
    (base / "README2").unlink()
    try:
        (base / "README2").unlink()
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno)
    (base / "README2").unlink(missing_ok=True)
    (base / "empty").mkdir()
    (base / "empty").rmdir()
    (base / "touched").touch()
    print((base / "touched").stat().st_size)
    (base / "link").symlink_to("src/a.py")
    print((base / "link").is_symlink(), (base / "link").read_text(), os.readlink(base / "link"))
    print((base / "src/pkg/../a.py").resolve().relative_to(base.resolve()).as_posix())
    cwd = os.getcwd()
    os.chdir(base / "src")
    try:
        print(sorted(str(q) for q in Path(".").glob("**/*.py")), Path("pkg/mod.py").read_text())
        print(Path("a.py").absolute().relative_to(base.resolve()).as_posix()
              if Path("a.py").absolute().is_relative_to(base.resolve()) else "other")
    finally:
        os.chdir(cwd)
    try:
        (base / "missing.txt").read_text()
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno, e.strerror)
    try:
        list((base / "README2").iterdir())
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno)
print(Path("a/b").parts, Path.cwd().is_absolute(), isinstance(Path("x"), PurePath))
