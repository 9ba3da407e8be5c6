"""Response shapes, for the OpenAPI document only.

Responses are built by the core's ``to_json`` methods and sent as they are
(validating a large result on every request would cost more than computing
it); these models describe them so clients can generate code, and the
schemathesis test checks that what is sent conforms to what is described.
Request bodies are described from the knowledge pack (see ``openapi.py``),
because which finding ids and ranges are valid is the pack's business.

A model that mirrors a core value is named ``<Core>Out`` in Python (one name per
concept in the code) and keeps the core's name for clients through its title
(``class FactorOut(Open, title="Factor")``): ``openapi.py`` names the components
by title, so the document is the same as when the classes shared the core's names.

One module per part of the API: ``assessment`` (POST /v1/assess and every
result), ``interview`` (parse, "What we understood", interviews), ``reference``
(medicines, vocabulary, health); ``base`` the open and closed kinds. The
models the routes name are re-exported here.
"""

from __future__ import annotations

from gravida.api.schemas import assessment, base, interview, reference
from gravida.api.schemas.assessment import AssessmentOut as AssessmentOut
from gravida.api.schemas.interview import Interview as Interview
from gravida.api.schemas.interview import InterviewResult as InterviewResult
from gravida.api.schemas.interview import ParseResultOut as ParseResultOut
from gravida.api.schemas.reference import Health as Health
from gravida.api.schemas.reference import MedicineVerdictOut as MedicineVerdictOut
from gravida.api.schemas.reference import VocabularyOut as VocabularyOut

# every module of response models (openapi.py names their components by title)
MODULES = (base, assessment, interview, reference)
