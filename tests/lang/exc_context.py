# an uncaught exception raised while handling another: both tracebacks, chained
def load(d):
    return d["missing"]
def main():
    try:
        load({})
    except KeyError:
        raise RuntimeError("could not load")
main()
