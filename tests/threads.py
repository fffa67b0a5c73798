"""Calls released at the same moment, each in its own thread and database connection.

For the PostgreSQL tests of double submits and races. A test client's ``response.context`` is
collected through a process-wide signal, so threads mix it up: assert on the response's content.
"""

import threading

from django.db import connections
from django.test import Client


def at_once(calls) -> list:
    """Run each call in its own thread, all released together; what each returned or raised."""
    start, outcomes = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def post_at_once(user, url: str, forms: list[dict], *, follow: bool = False) -> list:
    """POST each form from its own logged-in client at the same moment; the responses, in order."""
    clients = []
    for _ in forms:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return at_once([lambda c=c, f=f: c.post(url, f, follow=follow) for c, f in zip(clients, forms, strict=True)])
