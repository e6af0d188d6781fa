"""The GitLab pipeline covers merge requests, main and the schedule, and calls targets that exist."""
import re

import yaml

from conftest import ROOT


def load():
    return yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))


def jobs(config):
    return {name: job for name, job in config.items() if isinstance(job, dict) and "script" in job}


def sources(job):
    return " ".join(rule.get("if", "") for rule in job.get("rules", []))


def test_pipeline_covers_merge_requests_main_and_schedule():
    config = load()
    all_jobs = jobs(config)
    mr = [n for n, j in all_jobs.items() if '"merge_request_event"' in sources(j)]
    main = [n for n, j in all_jobs.items() if "CI_DEFAULT_BRANCH" in sources(j)]
    schedule = [n for n, j in all_jobs.items() if '== "schedule"' in sources(j)]
    assert {"controle", "tests"} <= set(mr)
    assert "pages" in main and "tests" in main
    assert {"externe-links", "controledata"} == set(schedule)
    assert all_jobs["pages"]["artifacts"]["paths"] == ["public"]
    assert all_jobs["controle"]["artifacts"]["expose_as"]  # the review link on a merge request
    for job in all_jobs.values():
        assert job["stage"] in config["stages"]


def test_every_make_target_in_the_pipeline_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    used = set()
    for job in jobs(load()).values():
        for line in job["script"]:
            used.update(re.findall(r"\bmake ([a-z][a-z-]*)", line))
    assert used and used <= targets, used - targets


def test_ci_run_calls_make_test():
    text = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", text, re.M)
