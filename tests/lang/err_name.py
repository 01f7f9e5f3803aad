# NameError, uncaught, from inside a function
def greet():
    print("hello", undefined_name)
print("start")
greet()
