"""Does a participant flooding one roundtable slow down another? On the real server, here.

Three runs, each on a fresh `facilitation serve` (gevent, SQLite): neighbours post ideas in
roundtable B, alone; then while one participant floods roundtable A from 16 threads, with
the default rate limits; then the same flood with the limits lifted. Prints the median and
95th percentile time for a neighbour's idea to be acknowledged, as ratios to the quiet run,
and the size of the join snapshot a latecomer to A receives.

    .venv/bin/python bench/flood.py [--ideas 75] [--flooders 16]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.live.client import OpenRoom, RoomClient, join_as, open_room
from tests.live.server import LiveServer, server_env, spawn_server

NEIGHBOURS = 5  # each posts a share of the ideas, well inside the per-participant limit
UNLIMITED = {
    "FACILITATION_IDEAS_PER_MINUTE": "1000000",
    "FACILITATION_WRITES_PER_MINUTE": "1000000",
    "FACILITATION_EVENTS_PER_MINUTE": "1000000",
}


def start(workdir: Path, extra: dict[str, str]) -> LiveServer:
    workdir.mkdir()
    env = server_env(
        database_url=f"sqlite:///{workdir / 'roundtable.db'}",
        instance_path=workdir / "instance",
        extra=extra,
    )
    server = spawn_server(env, workdir / "server.log")
    server.staff_token()
    server.wait_healthy()
    return server


def neighbour_latencies(
    server: LiveServer, clients: list[RoomClient], room: OpenRoom, ideas: int
) -> list[float]:
    people = [join_as(server, clients, room, f"Neighbour {n}") for n in range(NEIGHBOURS)]
    timings = []
    for n in range(ideas):
        payload = {"prompt_id": room.prompt_id, "text": f"Shade at stop {n}", "client_id": f"n{n}"}
        began = time.perf_counter()
        people[n % NEIGHBOURS].ok("idea.create", payload)
        timings.append(time.perf_counter() - began)
        time.sleep(0.02)  # people type: a steady trickle, not a burst
    return timings


def run(workdir: Path, *, flood: bool, extra: dict[str, str], ideas: int, flooders: int) -> dict:
    server = start(workdir, extra)
    clients: list[RoomClient] = []
    try:
        flooded, other = open_room(server, clients), open_room(server, clients)
        stop = threading.Event()
        posted = [0]

        def flood_from(flooder: RoomClient, thread: int) -> None:
            n = 0
            while not stop.is_set():
                payload = {
                    "prompt_id": flooded.prompt_id,
                    "text": f"Spam {thread}-{n} " + "x" * 200,
                    "client_id": f"f{thread}-{n}",
                }
                if flooder.call("idea.create", payload)["ok"]:
                    posted[0] += 1
                n += 1

        threads = []
        if flood:
            flooder = join_as(server, clients, flooded, "Flood")
            threads = [
                threading.Thread(target=flood_from, args=(flooder, t), daemon=True)
                for t in range(flooders)
            ]
            for thread in threads:
                thread.start()
            time.sleep(1.0)  # the flood is in full swing before anyone measures
        timings = neighbour_latencies(server, clients, other, ideas)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        latecomer = RoomClient("Latecomer")
        clients.append(latecomer)
        latecomer.connect(server.url)
        snapshot = len(json.dumps(latecomer.join(flooded.join_code, "Latecomer")).encode())
        return {"timings": timings, "flood_ideas": posted[0], "snapshot": snapshot}
    finally:
        for client in clients:
            client.close()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=75)
    parser.add_argument("--flooders", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs = {
            "quiet": run(Path(tmp, "quiet"), flood=False, extra={}, **vars(args)),
            "flood, limits on": run(Path(tmp, "limited"), flood=True, extra={}, **vars(args)),
            "flood, limits off": run(Path(tmp, "open"), flood=True, extra=UNLIMITED, **vars(args)),
        }
    quiet = statistics.median(runs["quiet"]["timings"])
    print(f"{args.ideas} ideas from {NEIGHBOURS} neighbours in roundtable B, acknowledged in:")
    print(
        f"{'run':<20} {'median ms':>10} {'p95 ms':>8} {'vs quiet':>9}"
        f" {'flood ideas in A':>17} {'A join snapshot':>16}"
    )
    for name, result in runs.items():
        timings = sorted(result["timings"])
        median = statistics.median(timings)
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"{name:<20} {median * 1000:>10.1f} {p95 * 1000:>8.1f} {median / quiet:>8.2f}x"
            f" {result['flood_ideas']:>17} {result['snapshot'] / 1024:>13.1f} kB"
        )


if __name__ == "__main__":
    main()
