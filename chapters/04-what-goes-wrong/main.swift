print("chapter 04-what-goes-wrong: not written yet")
