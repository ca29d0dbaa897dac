print("eltop")
