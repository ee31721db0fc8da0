"""Token buckets: a minute's worth at once, then a steady trickle; a success costs nothing."""

from __future__ import annotations

import pytest

from facilitation.config import Limits
from facilitation.services.errors import RateLimitedError
from facilitation.throttle import PRUNE_ABOVE, Buckets, Rate, Throttles, spend


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def refusal(buckets: Buckets, key: str = "address:10.0.0.1") -> RateLimitedError:
    with pytest.raises(RateLimitedError) as refused:
        buckets.take(key, "Too many tries; try again in {wait}.")
    return refused.value


def test_a_minutes_worth_at_once_then_one_every_interval() -> None:
    clock = Clock()
    buckets = Buckets(Rate(per_minute=30), clock)
    for _ in range(30):
        buckets.take("address:10.0.0.1", "{wait}")
    error = refusal(buckets)
    assert (error.code, error.retry_after) == ("rate_limited", 2)
    assert error.message == "Too many tries; try again in 2 seconds."
    assert error.as_dict() == {"code": "rate_limited", "message": error.message, "retry_after": 2}

    clock.now += 2
    buckets.take("address:10.0.0.1", "{wait}")
    refusal(buckets)


def test_the_wait_is_said_in_words_and_never_more_than_one_interval() -> None:
    clock = Clock()
    buckets = Buckets(Rate(per_minute=60), clock)
    for _ in range(60):
        buckets.take("k", "{wait}")
    error = refusal(buckets, "k")
    assert (error.retry_after, error.message) == (1, "Too many tries; try again in 1 second.")
    clock.now += 0.5
    assert refusal(buckets, "k").retry_after == 1


def test_keys_do_not_share_their_allowance() -> None:
    buckets = Buckets(Rate(per_minute=2), Clock())
    for _ in range(2):
        buckets.take("connection:a", "{wait}")
    refusal(buckets, "connection:a")
    buckets.take("connection:b", "{wait}")


def test_an_attempt_that_succeeds_is_given_back_and_one_that_fails_stays_spent() -> None:
    buckets = Buckets(Rate(per_minute=3), Clock())
    for _ in range(10):
        with buckets.attempt("{wait}", "address:x", "connection:y"):
            pass  # a join that worked
    for _ in range(3):
        with pytest.raises(LookupError), buckets.attempt("{wait}", "address:x"):
            raise LookupError("wrong code")
    refusal(buckets, "address:x")
    buckets.take("connection:y", "{wait}")


def test_a_refusal_by_one_limit_spends_nothing_from_the_others() -> None:
    writes = Buckets(Rate(per_minute=5), Clock())
    ideas = Buckets(Rate(per_minute=2), Clock())
    for _ in range(2):
        spend((writes, "participant:1"), (ideas, "participant:1"), message="{wait}")
    for _ in range(10):
        with pytest.raises(RateLimitedError):
            spend((writes, "participant:1"), (ideas, "participant:1"), message="{wait}")
    # Votes and reactions take only the writes allowance, which the refused ideas left whole.
    for _ in range(3):
        writes.take("participant:1", "{wait}")
    refusal(writes, "participant:1")


def test_an_attempt_refused_by_its_second_key_gives_the_first_back() -> None:
    buckets = Buckets(Rate(per_minute=2), Clock())
    for _ in range(2):
        buckets.take("address:x", "{wait}")
    for _ in range(5):
        with (
            pytest.raises(RateLimitedError),
            buckets.attempt("{wait}", "connection:y", "address:x"),
        ):
            pass
    for _ in range(2):
        buckets.take("connection:y", "{wait}")


def test_giving_back_never_fills_beyond_a_minutes_worth() -> None:
    buckets = Buckets(Rate(per_minute=2), Clock())
    for _ in range(5):
        buckets.give_back("k")
    buckets.take("k", "{wait}")
    buckets.take("k", "{wait}")
    refusal(buckets, "k")


def test_many_one_off_clients_do_not_grow_memory_without_bound() -> None:
    clock = Clock()
    buckets = Buckets(Rate(per_minute=10), clock)
    for n in range(PRUNE_ABOVE):
        buckets.take(f"connection:{n}", "{wait}")
    clock.now += 60  # every one of them is full again
    buckets.take("connection:new", "{wait}")
    assert len(buckets._levels) <= 2


def test_each_kind_of_attempt_has_its_own_buckets() -> None:
    throttles = Throttles(Limits(join_attempts=1, logins=1), Clock())
    throttles.join_attempts.take("address:x", "{wait}")
    throttles.logins.take("address:x", "{wait}")
    refusal(throttles.join_attempts, "address:x")
