"""The example registers, checked as users see them: PERSIANCE reports its real gaps and
nothing else; the fictional ones are clean but for what they admit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-26"

PERSIANCE = {
    # never reviewed since the policy of 2025-08-17, with a 12-month review interval
    *{("ROPA108", f"activity:{a}", f"activities/{a}.yaml", "$.reviewed")
      for a in ("account-management", "audience-measurement", "customer-support", "orders",
                "prospecting", "security")},
    # the policy gives no retention for optional contact data, Auth0 profiles, audience
    # statistics, support messages and support logs
    ("ROPA301", "activity:account-management", "activities/account-management.yaml",
     "$.personal_data[1].retention"),
    ("ROPA301", "activity:account-management", "activities/account-management.yaml",
     "$.personal_data[2].retention"),
    ("ROPA301", "activity:audience-measurement", "activities/audience-measurement.yaml",
     "$.personal_data[0].retention"),
    ("ROPA301", "activity:customer-support", "activities/customer-support.yaml",
     "$.personal_data[0].retention"),
    ("ROPA301", "activity:customer-support", "activities/customer-support.yaml",
     "$.personal_data[1].retention"),
    # legitimate interests: no balancing test referenced; B2B prospecting states no interest
    ("ROPA202", "activity:customer-support", "activities/customer-support.yaml",
     "$.purposes[0].legitimate_interest"),
    ("ROPA202", "activity:security", "activities/security.yaml", "$.purposes[0].legitimate_interest"),
    ("ROPA202", "activity:prospecting", "activities/prospecting.yaml", "$.purposes[1].legal_basis"),
    # B2C prospecting on consent: where consent is recorded is not said
    ("ROPA203", "activity:prospecting", "activities/prospecting.yaml", "$.purposes[0].legal_basis"),
    # no processor contract is documented
    ("ROPA501", "processor:auth0", "processors/auth0.yaml", "$.dpa"),
    ("ROPA501", "processor:google-cloud", "processors/google-cloud.yaml", "$.dpa"),
    ("ROPA501", "processor:stripe", "processors/stripe.yaml", "$.dpa"),
    # Stripe's transfer to the US: SCCs, but neither the module nor a TIA is recorded
    ("ROPA403", "processor:stripe", "processors/stripe.yaml", "$.transfers[0].scc"),
    ("ROPA405", "processor:stripe", "processors/stripe.yaml", "$.transfers[0].mechanism"),
}

NUAGE = {
    ("ROPA408", "processor:supportly", "processors/supportly.yaml", "$.transfers[0].mechanism"),
    ("ROPA503", "processing_on_behalf:field-service-durand", "register.yaml",
     "$.processing_on_behalf[0].sub_processors[4]"),
    ("ROPA408", "processing_on_behalf:field-service-durand", "register.yaml",
     "$.processing_on_behalf[0].transfers[1].mechanism"),
    ("ROPA408", "processing_on_behalf:field-service-ascenseurs", "register.yaml",
     "$.processing_on_behalf[1].transfers[0].mechanism"),
}


def _check(example: str) -> tuple[int, set[tuple[str, str, str, str]], dict[str, int]]:
    done = subprocess.run(
        [sys.executable, "-m", "ropa", "check", f"registers/{example}", "--as-of", AS_OF,
         "--format", "json", "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    document = json.loads(done.stdout)
    prefix = f"registers/{example}/"
    found = {(f["rule"], f["subject"], f["file"].removeprefix(prefix), f["path"]) for f in document["findings"]}
    return done.returncode, found, document["summary"]


@pytest.mark.parametrize(("example", "expected", "code"), [
    ("persiance", PERSIANCE, 1),
    ("nuage-b2b", NUAGE, 0),
    ("cabinet-medical.yaml", set(), 0),
], ids=["persiance", "nuage-b2b", "cabinet-medical"])
def test_example_register_reports_exactly_its_real_gaps(example: str, expected: set[tuple[str, str, str, str]],
                                                        code: int) -> None:
    returncode, found, _ = _check(example)
    assert found == expected
    assert returncode == code
