# uncaught exception with explicit cause (raise ... from ...), chained through several frames
class AppError(Exception):
    pass
def parse(s):
    return int(s)
def load(s):
    try:
        return parse(s)
    except ValueError as e:
        raise AppError(f"bad config value {s!r}") from e
def main():
    try:
        load("x1")
    except AppError as e:
        print("cause:", type(e.__cause__).__name__, "| suppress:", e.__suppress_context__, "| context is cause:", e.__context__ is e.__cause__)
    try:
        try:
            {}["k"]
        except KeyError:
            raise AppError("no cause") from None
    except AppError as e:
        print("from None:", e.__cause__, e.__suppress_context__, type(e.__context__).__name__)
    load("y2")
main()
