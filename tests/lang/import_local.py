# importing a local package, a submodule and stdlib modules
import pkg_demo
from pkg_demo.shapes import Square
from pkg_demo import VERSION as V
import pkg_demo.shapes as shapes_mod
import math, sys
print(pkg_demo.VERSION, V, Square(3).area(), shapes_mod.Square is Square, pkg_demo.__doc__)
print(pkg_demo.__name__, shapes_mod.__name__, pkg_demo.__package__, shapes_mod.__package__)
print("pkg_demo.shapes" in sys.modules, math.floor(2.7))
try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
try:
    from pkg_demo import missing_name
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
