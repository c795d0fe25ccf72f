"""Reference: forward + backward of the DCGAN chapter's four convolutions in PyTorch on CPU
(torch.nn.functional, batch 64, bias, gradients for input and weight). Prints one line per shape:
name=... us=... (median of repeats after warm-up)."""
import sys, time, statistics
import torch
import torch.nn.functional as F

torch.manual_seed(0)
shapes = [  # name, transposed, in_channels, out_channels, input size
    ("D1", False, 1, 64, 28), ("D2", False, 64, 128, 14),
    ("G1", True, 128, 64, 7), ("G2", True, 64, 1, 14)]
reps = int(sys.argv[1]) if len(sys.argv) > 1 else 30
for name, transposed, cin, cout, size in shapes:
    x = torch.randn(64, cin, size, size, requires_grad=True)
    w = torch.randn(*((cin, cout) if transposed else (cout, cin)), 4, 4, requires_grad=True)
    b = torch.randn(cout, requires_grad=True)
    op = F.conv_transpose2d if transposed else F.conv2d
    def run():
        y = op(x, w, b, stride=2, padding=1)
        y.backward(torch.ones_like(y))
    for _ in range(5): run()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter(); run(); times.append(time.perf_counter() - t0)
    print(f"name={name} us={1e6 * statistics.median(times):.0f} threads={torch.get_num_threads()}")
