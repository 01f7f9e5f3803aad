# Python subclasses of the _io classes with their own __init__ (argparse's
# tests, test helpers): the base is set up by super().__init__(...).
import io


class Text(io.TextIOWrapper):
    def __init__(self, initial_value='', newline='\n'):
        super().__init__(io.BytesIO(initial_value.encode('utf-8')), 'utf-8', newline=newline)


t = Text('abc\ndef\n')
print(t.readline(), t.read(), t.encoding)


class Reader(io.BufferedReader):
    def __init__(self, data):
        super().__init__(io.BytesIO(data))


print(Reader(b'xyz').read())


class Joined(io.BytesIO):
    def __init__(self, a, b):
        super().__init__(a + b)


print(Joined(b'1', b'2').getvalue())


class Repeated(io.StringIO):
    def __init__(self, n):
        super().__init__('z' * n)


r = Repeated(3)
print(r.getvalue(), r.read())


class Writer(io.BufferedWriter):
    def __init__(self):
        self.sink = io.BytesIO()
        super().__init__(self.sink, buffer_size=4)


w = Writer()
w.write(b'hello')
w.flush()
print(w.sink.getvalue())
