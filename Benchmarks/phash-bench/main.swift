import PerceptualHash
print("phash-bench: nothing to measure yet")
