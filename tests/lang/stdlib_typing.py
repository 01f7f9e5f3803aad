# typing: hints, TypedDict, NamedTuple, Protocol, Generic, Literal, Union, Annotated
import typing
from typing import (Any, Annotated, Callable, ClassVar, Dict, Final, Generic, List, Literal,
                    NamedTuple, Optional, ParamSpec, Protocol, Tuple, TypedDict, TypeVar, Union,
                    cast, get_args, get_origin, get_type_hints, overload, runtime_checkable)

T = TypeVar("T")
K = TypeVar("K", bound=int)
S = TypeVar("S", str, bytes)
Co = TypeVar("Co", covariant=True)
Contra = TypeVar("Contra", contravariant=True)
P = ParamSpec("P")
print(T, K, S, Co, Contra, P, P.args, P.kwargs)
print(T.__name__, K.__bound__, S.__constraints__, Co.__covariant__)

print(List[int], Dict[str, List[int]], Tuple[int, ...], Tuple[()])
print(Optional[int], Union[int, str], Union[int, None, str], Union[int])
print(Union[int, str] == Union[str, int], Optional[int] == Union[None, int])
print(Literal[1, "a", None], Callable[[int, str], bool], Callable[..., int])
print(Callable[P, int], ClassVar[int], Final[str], Any)
print(int | str, list[int], dict[str, int | None])
print(Annotated[int, "meta", 5])

for tp in [List[int], Dict[str, int], Union[int, str], Optional[str], Literal[1, 2],
           Callable[[int], str], Annotated[int, "x"], list[int], int | str, Tuple[int, ...],
           int, Generic, ClassVar[int]]:
    print(get_origin(tp), get_args(tp))


def f(a: int, b: "List[str]", c: Optional[int] = None) -> Dict[str, int]:
    return {}


print(get_type_hints(f))
print(f.__annotations__)


class Movie(TypedDict):
    title: str
    year: int


class PartialMovie(TypedDict, total=False):
    rating: float


m = Movie(title="x", year=1)
print(m, type(m), Movie.__required_keys__ == {"title", "year"}, PartialMovie.__optional_keys__)
print(get_type_hints(Movie), Movie.__total__, PartialMovie.__total__)
Alt = TypedDict("Alt", {"a": int, "b": str})
print(Alt(a=1, b="c"), Alt.__annotations__)


class Employee(NamedTuple):
    name: str
    id: int = 3

    def describe(self):
        return f"{self.name}#{self.id}"


e = Employee("guido")
print(e, e.describe(), e._fields, e._field_defaults, Employee.__annotations__)
print(e._replace(id=7), e._asdict(), isinstance(e, tuple))
E2 = NamedTuple("E2", [("a", int), ("b", str)])
print(E2(1, "x"), E2.__annotations__)


@runtime_checkable
class Closable(Protocol):
    def close(self) -> None: ...


class Proto2(Protocol):
    x: int


class Res:
    def close(self):
        pass


print(isinstance(Res(), Closable), isinstance(1, Closable), issubclass(Res, Closable))
try:
    isinstance(Res(), Proto2)
except TypeError as e:
    print("TypeError:", e)
try:
    Closable()
except TypeError as e:
    print("TypeError:", e)


class Box(Generic[T]):
    def __init__(self, v: T):
        self.v = v


class Pair(Generic[K, S]):
    pass


print(Box[int], Box[List[T]], Pair[int, str], Box.__parameters__, Pair.__parameters__)
print(Box[int](3).v, Box[int].__origin__, Box[int].__args__)
b = Box[int](3)
print(type(b), b.__orig_class__)
try:
    Box[int, str]
except TypeError as e:
    print("TypeError:", e)
try:
    Generic[int]
except TypeError as e:
    print("TypeError:", e)


class IntBox(Box[int]):
    pass


print(IntBox.__orig_bases__, IntBox.__mro__)


@overload
def g(x: int) -> int: ...
@overload
def g(x: str) -> str: ...
def g(x):
    return x


print(g(1), g("s"))
print(len(typing.get_overloads(g)))
try:
    @overload
    def h(x: int) -> int: ...
    h(1)
except NotImplementedError as e:
    print("NotImplementedError:", e)

print(cast(int, "not an int"), cast("List[int]", 5))
print(typing.TYPE_CHECKING, typing.NoReturn, typing.Never, typing.Self, typing.LiteralString)
print(typing.Hashable, typing.Sized, typing.Iterable[int], typing.Mapping[str, int])

NewId = typing.NewType("NewId", int)
print(NewId, NewId(5), NewId.__supertype__)

try:
    Union[()]
except TypeError as e:
    print("TypeError:", e)
try:
    List[int, str]
except TypeError as e:
    print("TypeError:", e)
try:
    isinstance(1, List[int])
except TypeError as e:
    print("TypeError:", e)
try:
    TypeVar("X", int)
except TypeError as e:
    print("TypeError:", e)
try:
    Optional[int, str]
except TypeError as e:
    print("TypeError:", e)


class Node:
    next: "Optional[Node]"
    val: ClassVar[int] = 1
    data: Annotated[int, "units"]


print(get_type_hints(Node))
print(get_type_hints(Node, include_extras=True))


@typing.final
class Fin:
    pass


print(Fin.__final__)
print(typing.assert_never.__name__, typing.reveal_type(5))
print(typing.ForwardRef("int"), typing.Concatenate[int, P])
