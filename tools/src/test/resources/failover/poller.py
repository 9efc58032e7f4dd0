"""Polls http://ADDRESS:8080/ every 5 ms (or every INTERVAL seconds, a third argument) from the
client namespace until killed and writes one
line per attempt to OUT: the wall-clock time in microseconds and the answering node's name, or '-'
when nothing answered within the timeout. The failover tests read it to measure outages and to
check that only one node answers at a time."""
import socket
import sys
import time

address, out = sys.argv[1], sys.argv[2]
interval = float(sys.argv[3]) if len(sys.argv) > 3 else 0.005
with open(out, "a", buffering=1) as f:
    while True:
        started = time.time()
        answer = "-"
        try:
            with socket.create_connection((address, 8080), timeout=0.05) as s:
                s.settimeout(0.2)
                s.sendall(b"GET / HTTP/1.0\r\n\r\n")
                data = b""
                while True:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                body = data.split(b"\r\n\r\n", 1)[-1].strip()
                answer = body.decode("ascii", "replace") or "-"
        except OSError:
            pass
        f.write("%d %s\n" % (int(started * 1_000_000), answer))
        time.sleep(max(0.0, interval - (time.time() - started)))
