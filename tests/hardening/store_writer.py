"""A process that writes to the local store until it is killed, reporting each commit.

Run as ``python store_writer.py PATH PREFIX COUNT``: it saves scenarios and custom
accelerators named PREFIX-0, PREFIX-1, … and prints ``ok KIND NAME`` after each write
returns (the commit is then durable), or ``busy KIND NAME`` when the store refused the
write in one line because another process held it. The tests kill it with SIGKILL at
random moments and check that everything reported ``ok`` is still in the store. PATH ``-``
means the configured database (``TCO_DATABASE_URL``): the writer is then one replica of
several; ``scenarios`` as KIND_MIX writes scenarios only.
"""

import sys

from tco.data.presets import example_scenario
from tco.data.store import Store
from tco.models import Accelerator
from tco.models.errors import TcoError

CHAT = example_scenario(workload_ids=["chat"])  # one workload: chat on the default part


def main(path: str, prefix: str, count: int, mix: str = "both") -> None:
    store = Store(None if path == "-" else path)
    scenario = CHAT
    part = Accelerator.example().model_dump()
    for index in range(count):
        name = f"{prefix}-{index}"
        kind = "scenario" if index % 2 == 0 or mix == "scenarios" else "accelerator"
        try:
            if kind == "scenario":
                store.save_scenario(scenario.model_copy(update={"customer_name": name}), name)
            else:
                store.add_accelerator(Accelerator.model_validate(part | {"id": name}))
        except TcoError:
            print("busy", kind, name, flush=True)
        else:
            print("ok", kind, name, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:])
