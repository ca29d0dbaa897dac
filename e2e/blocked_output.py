"""eltop on a pseudo-terminal whose master stops being read (the fault suite's "output blocked").

Usage: blocked_output.py ELTOP SECONDS. Starts eltop on a fresh pty, reads its first frame, then stops
reading and resizes the pty 20 times a second for SECONDS, so every redraw has nowhere to go. eltop's
VmRSS is sampled throughout: it must stay within 8 MiB of where it started (frames are drawn into one
grid, not queued). Then the reader comes back, SIGTERM is sent, and eltop must exit 143 within 10 s
with the pty's termios as before. Prints the figures; exits 1 with the reason when a check fails.
"""
import fcntl, os, select, signal, struct, subprocess, sys, termios, time

eltop, seconds = sys.argv[1], float(sys.argv[2])
master, slave = os.openpty()
fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
# The tty's settings before eltop, as the shell left them.
attrs_before = termios.tcgetattr(slave)

def controlling_tty():
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)

child = subprocess.Popen([eltop], stdin=slave, stdout=slave, stderr=slave, start_new_session=True, preexec_fn=controlling_tty)
pid = child.pid
os.close(slave)

def fail(why):
    print(why)
    try: os.kill(pid, signal.SIGKILL)
    except ProcessLookupError: pass
    sys.exit(1)

def rss(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS"))

def drain(until_text=None, timeout=10.0):
    seen, end = b"", time.time() + timeout
    while time.time() < end:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try: chunk = os.read(master, 65536)
            except OSError: break
            if not chunk: break
            seen += chunk
            if until_text and until_text in seen: return seen
        elif until_text is None and seen:
            return seen
    return seen

def winsize(rows, cols):
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.kill(pid, signal.SIGWINCH)

if b"Timeline" not in drain(b"Timeline"):
    fail("no first frame")
start_rss = rss(pid)
peak, sizes, i, end = start_rss, [(24, 80), (60, 200), (40, 120), (48, 160)], 0, time.time() + seconds
while time.time() < end:
    winsize(*sizes[i % len(sizes)])
    i += 1
    time.sleep(0.05)
    peak = max(peak, rss(pid))
alive = child.poll() is None
print(f"{i} resizes with nobody reading; VmRSS {start_rss} KiB at start, peak {peak} KiB")
if not alive:
    fail("eltop died while its output was blocked")
if peak - start_rss > 8192:
    fail(f"VmRSS grew by {peak - start_rss} KiB while output was blocked")
os.kill(pid, signal.SIGTERM)
drain(timeout=0.5)
status, deadline = None, time.time() + 10
while time.time() < deadline:
    drain(timeout=0.1)
    if child.poll() is not None:
        status = child.returncode if child.returncode >= 0 else 128 - child.returncode
        break
if status is None:
    fail("eltop did not exit within 10 s of SIGTERM once its output was read again")
if status != 143:
    fail(f"eltop exited {status} after SIGTERM, expected 143")
if termios.tcgetattr(master) != attrs_before:
    fail("the pty's termios were not restored")
print("exited 143 after SIGTERM, termios restored")
