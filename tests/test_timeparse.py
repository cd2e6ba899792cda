"""Deterministic time parsing: durations, one-off and recurring schedules, clock times."""
from datetime import datetime

import pytest
from dateutil.rrule import rrulestr

from assistant.timeparse import (Schedule, TimeParseError, describe_due, extract_time_phrase, format_clock,
                                 format_duration, next_occurrence, parse_clock_time, parse_duration, parse_when)

NOW = datetime(2026, 11, 25, 9, 0)  # a Wednesday


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize("phrase, seconds", [
    ("10 minutes", 600), ("twelve minutes", 720), ("90 second", 90), ("90 seconds", 90),
    ("an hour and a half", 5400), ("half an hour", 1800), ("a minute", 60), ("1 hour 30 minutes", 5400),
    ("1h30m", 5400), ("2 and a half minutes", 150), ("fifteen mins", 900), ("twenty five minutes", 1500),
    ("twenty-five minutes", 1500), ("a quarter of an hour", 900), ("3 hrs", 10800), ("45 sec", 45),
    ("one hundred twenty seconds", 120), ("1.5 hours", 5400), ("5 min timer", 300), ("half a minute", 30),
    ("three quarters of an hour", 2700), ("2 hours and a half", 9000), ("a day", 86400), ("10m", 600),
    ("One Hour", 3600), ("forty five seconds", 45),
    ("an hour and a quarter", 4500), ("3 hours and three quarters", 13500), ("1 and a quarter hours", 4500),
])
def test_parse_duration(phrase, seconds):
    assert parse_duration(phrase) == seconds


@pytest.mark.parametrize("phrase", ["", "banana", "0 minutes", "zero seconds", "minutes", "10", "a while"])
def test_parse_duration_rejects_garbage_and_zero(phrase):
    with pytest.raises(TimeParseError):
        parse_duration(phrase)


@pytest.mark.parametrize("phrase, due", [
    ("at 5pm", "2026-11-25T17:00"),
    ("tomorrow at 8 am", "2026-11-26T08:00"),
    ("in 20 minutes", "2026-11-25T09:20"),
    ("on friday at noon", "2026-11-27T12:00"),
    ("at 7", "2026-11-25T19:00"),  # 7 am has passed: the pm time today
    ("at 10", "2026-11-25T10:00"),  # 10 am is still ahead
    ("at 5 p.m.", "2026-11-25T17:00"),
    ("at 17:45", "2026-11-25T17:45"),
    ("at seven thirty pm", "2026-11-25T19:30"),
    ("half past six", "2026-11-25T18:30"),
    ("quarter to one", "2026-11-25T12:45"),
    ("noon", "2026-11-25T12:00"),
    ("midnight", "2026-11-26T00:00"),
    ("tonight", "2026-11-25T21:00"),
    ("tonight at 11", "2026-11-25T23:00"),
    ("this evening", "2026-11-25T18:00"),
    ("at 7 in the evening", "2026-11-25T19:00"),
    ("tomorrow", "2026-11-26T09:00"),
    ("tomorrow morning", "2026-11-26T08:00"),
    ("tomorrow at 3", "2026-11-26T15:00"),  # another day: 1..6 means pm
    ("8 tomorrow", "2026-11-26T08:00"),  # a bare number next to a day is a clock time
    ("friday 6 30", "2026-11-27T18:30"),
    ("in an hour and a half", "2026-11-25T10:30"),
    ("in half an hour", "2026-11-25T09:30"),
    ("2 hours from now", "2026-11-25T11:00"),
    ("next tuesday at 3", "2026-12-01T15:00"),
    ("on wednesday at 8 am", "2026-12-02T08:00"),  # today's weekday, time passed: next week
    ("on wednesday at 7", "2026-11-25T19:00"),  # today's weekday, 7 pm still ahead
    ("friday", "2026-11-27T09:00"),
    ("sat at 10", "2026-11-28T10:00"),
    ("on december 3rd at 10am", "2026-12-03T10:00"),
    ("the 3rd of january at 5", "2027-01-03T17:00"),
    ("on the 1st", "2026-12-01T09:00"),
    ("on friday at midnight", "2026-11-28T00:00"),
    ("the day after tomorrow at 8", "2026-11-27T08:00"),
    ("in 2 days at 5pm", "2026-11-27T17:00"),  # dateparser fallback
    ("12/24 at 5pm", "2026-12-24T17:00"),  # dateparser fallback
])
def test_parse_when_one_off(phrase, due):
    assert parse_when(phrase, NOW) == Schedule(due=at(due), rrule=None)


def test_relative_times_keep_seconds_only_when_asked_for():
    now = datetime(2026, 11, 25, 9, 0, 37)
    assert parse_when("in 20 minutes", now).due == at("2026-11-25T09:20")
    assert parse_when("in 90 seconds", now).due == at("2026-11-25T09:02:07")


def test_an_ambiguous_hour_late_in_the_day_is_tomorrow_morning():
    assert parse_when("at 7", datetime(2026, 11, 25, 20, 0)).due == at("2026-11-26T07:00")


@pytest.mark.parametrize("phrase, due, rrule", [
    ("every weekday at 7 am", "2026-11-26T07:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7;BYMINUTE=0"),
    ("every sunday at 6pm", "2026-11-29T18:00", "FREQ=WEEKLY;BYDAY=SU;BYHOUR=18;BYMINUTE=0"),
    ("every day at 9", "2026-11-26T09:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"),
    ("daily at 9", "2026-11-26T09:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"),
    ("every weekend", "2026-11-28T09:00", "FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=9;BYMINUTE=0"),
    ("every monday and wednesday at 18:30", "2026-11-25T18:30", "FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=18;BYMINUTE=30"),
    ("every morning", "2026-11-26T08:00", "FREQ=DAILY;BYHOUR=8;BYMINUTE=0"),
    ("every evening", "2026-11-25T18:00", "FREQ=DAILY;BYHOUR=18;BYMINUTE=0"),
    ("every night", "2026-11-25T21:00", "FREQ=DAILY;BYHOUR=21;BYMINUTE=0"),
    ("every hour", "2026-11-25T10:00", "FREQ=HOURLY"),
    ("every 2 hours", "2026-11-25T11:00", "FREQ=HOURLY;INTERVAL=2"),
    ("every thirty minutes", "2026-11-25T09:30", "FREQ=MINUTELY;INTERVAL=30"),
    ("weekly on friday", "2026-11-27T09:00", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=9;BYMINUTE=0"),
    ("every month on the 1st at 9", "2026-12-01T09:00", "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0"),
    ("on the first of every month", "2026-12-01T09:00", "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0"),
    ("every year on december 3", "2026-12-03T09:00", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=3;BYHOUR=9;BYMINUTE=0"),
    ("every weekday morning", "2026-11-26T08:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0"),
    ("mondays at 9", "2026-11-30T09:00", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"),
    ("every other day", "2026-11-27T09:00", "FREQ=DAILY;INTERVAL=2;BYHOUR=9;BYMINUTE=0"),
    ("every 2 weeks on tuesday", "2026-12-08T09:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=9;BYMINUTE=0"),
    ("each thursday at 5", "2026-11-26T17:00", "FREQ=WEEKLY;BYDAY=TH;BYHOUR=17;BYMINUTE=0"),
])
def test_parse_when_recurring(phrase, due, rrule):
    schedule = parse_when(phrase, NOW)
    assert schedule == Schedule(due=at(due), rrule=rrule)
    assert rrulestr(rrule, dtstart=NOW).after(NOW) == schedule.due  # a valid rule, due = first occurrence


@pytest.mark.parametrize("phrase", [
    "", "banana", "5", "in 5", "may", "at 25", "13 pm", "today at 8am", "this morning",
    "february 30", "every", "every blorp", "every hour at 5", "whenever you like", "at 9:75",
])
def test_parse_when_refuses_to_guess(phrase):
    with pytest.raises(TimeParseError):
        parse_when(phrase, NOW)


@pytest.mark.parametrize("phrase, expected", [
    ("6:30", "2026-11-25T18:30"), ("6:30 am", "2026-11-26T06:30"), ("seven", "2026-11-25T19:00"),
    ("7 pm", "2026-11-25T19:00"), ("noon", "2026-11-25T12:00"), ("seven thirty", "2026-11-25T19:30"),
    ("10", "2026-11-25T10:00"), ("8:59 am", "2026-11-26T08:59"), ("tomorrow at 6", "2026-11-26T18:00"),
    # the 24-hour clock without a colon is never the evening's; British "half eight" is half past
    ("0630", "2026-11-26T06:30"), ("0815 hours", "2026-11-26T08:15"), ("at 1045", "2026-11-25T10:45"),
    ("1900 hrs", "2026-11-25T19:00"), ("half eight tomorrow", "2026-11-26T08:30"), ("at half ten", "2026-11-25T10:30"),
])
def test_parse_clock_time(phrase, expected):
    assert parse_clock_time(phrase, NOW) == at(expected)


@pytest.mark.parametrize("phrase", ["every day at 7", "lunch", ""])
def test_parse_clock_time_rejects(phrase):
    with pytest.raises(TimeParseError):
        parse_clock_time(phrase, NOW)


@pytest.mark.parametrize("utterance, phrase", [
    ("remind me tomorrow at 8 am to take out the trash", "tomorrow at 8 am"),
    ("in 20 minutes remind me to check the oven", "in 20 minutes"),
    ("remind me every weekday at 7 am to walk Daisy", "every weekday at 7 am"),
    ("Remind me to call mom at 5pm.", "at 5pm"),
    ("remind me to take 2 pills at nine", "at 9"),
    ("remind me on friday at noon to pay rent", "on friday at noon"),
    ("remind me to call mom", None),
    ("you may go now", None),
])
def test_extract_time_phrase(utterance, phrase):
    assert extract_time_phrase(utterance) == phrase


def test_next_occurrence_follows_the_rule_from_the_original_due():
    rule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7;BYMINUTE=0"
    assert next_occurrence(rule, at("2026-11-27T07:00"), at("2026-11-27T07:00")) == at("2026-11-30T07:00")


@pytest.mark.parametrize("seconds, spoken", [
    (690, "11 minutes 30 seconds"), (60, "1 minute"), (45, "45 seconds"), (3900, "1 hour 5 minutes"), (0, "0 seconds"),
])
def test_format_duration(seconds, spoken):
    assert format_duration(seconds) == spoken


@pytest.mark.parametrize("due, spoken", [
    ("2026-11-25T17:00", "today at 5:00 PM"), ("2026-11-26T08:00", "tomorrow at 8:00 AM"),
    ("2026-11-27T12:00", "on Friday at 12:00 PM"), ("2026-12-03T10:00", "on December 3 at 10:00 AM"),
    ("2027-01-03T00:30", "on January 3, 2027 at 12:30 AM"),
])
def test_describe_due(due, spoken):
    assert describe_due(at(due), NOW) == spoken
    assert format_clock(at(due)) in spoken


def test_a_number_by_a_day_that_is_no_clock_time_is_not_dropped():
    with pytest.raises(TimeParseError):
        parse_when("friday 45", NOW)


@pytest.mark.parametrize("said, phrase", [
    ("set an alarm for 6:45am on friday", "6:45am on friday"),  # "am" joined to the minutes
    ("an alarm for 8 o'clock on sunday please", "8:00 on sunday"),  # "o'clock" keeps its hour
])
def test_a_time_of_day_and_its_day_are_one_phrase(said, phrase):
    from assistant.timeparse import extract_time_phrase
    assert extract_time_phrase(said) == phrase
