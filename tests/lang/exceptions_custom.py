# user-defined exception classes and raise ... from
class AppError(Exception):
    pass
class ConfigError(AppError):
    def __init__(self, key, msg="bad config"):
        super().__init__(f"{msg}: {key}")
        self.key = key
try:
    raise ConfigError("port")
except AppError as e:
    print(type(e).__name__, e, e.key, e.args, isinstance(e, Exception))
class WithStr(Exception):
    def __str__(self):
        return "custom str"
try:
    raise WithStr()
except WithStr as e:
    print(e, repr(e))
try:
    try:
        {}["x"]
    except KeyError as e:
        raise ValueError("converted") from e
except ValueError as e:
    print(e, repr(e.__cause__), e.__suppress_context__)
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
print(repr(Exception("a", 1)), str(Exception("a", 1)), str(Exception()), repr(KeyError()))
def validate(age):
    if age < 0:
        raise ConfigError("age", "negative")
    return age
try:
    validate(-1)
except ConfigError as e:
    print("caught:", e)
raise ConfigError("final") from KeyError("root cause")
