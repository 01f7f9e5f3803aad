print("fine")
s = "never closed
