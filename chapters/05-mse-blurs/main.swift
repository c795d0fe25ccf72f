print("chapter 05-mse-blurs: not written yet")
