class Rectangle:
    def __init__(self, width, height):
        self.width = width
        self.height = height

    def area(self):
        return self.width * self.height

    def perimeter(self):
        return 2 * (self.width + self.height)

    def __repr__(self):
        return f"{type(self).__name__}({self.width} x {self.height})"


class Square(Rectangle):
    def __init__(self, side):
        super().__init__(side, side)
