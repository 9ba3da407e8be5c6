"""The fixed words of the API's problem details, marked for translation.

The service and the API raise their errors in English (the msgid); the
problem-details renderer (problems.problem_json) looks each title, detail and
field message up in the caller's language. Words that are not listed here, or
that carry values (an id, a number), stay English. Listing them here rather
than wrapping them where they are raised keeps the service free of
presentation concerns. `make messages` extracts them (docs/i18n.md).
"""

from __future__ import annotations

from gravida.knowledge.i18n import N_

MESSAGES = (
    # titles
    N_("The request is not valid"),
    N_("The case is not valid"),
    N_("The QuestionnaireResponse is not valid"),
    N_("No such CDS service"),
    N_("Prefetch missing"),
    # pydantic's words for a missing field (CDS Hooks and FHIR bodies)
    N_("Field required"),
    N_("The answer is not valid"),
    N_("The text is too long"),
    N_("No such interview"),
    N_("The interview is finished"),
    N_("The interview has changed"),
    N_("The interview cannot be resumed"),
    N_("Nothing to undo"),
    N_("Not available"),
    N_("Texts unavailable"),
    N_("Database unavailable"),
    N_("Malformed JSON"),
    N_("Unsupported media type"),
    N_("Request body too large"),
    N_("Internal error"),
    N_("Too many requests"),
    N_("Not Found"),
    N_("Method Not Allowed"),
    N_("Bad Request"),
    N_("Too Many Requests"),
    # details
    N_("There is no interview with this id: it never existed, or it was deleted after "
       "the retention period."),
    N_("This interview has stopped; read its result, or go back to change an answer."),
    N_("The knowledge pack changed since this interview was stored and its answers "
       "no longer fit; please start a new interview."),
    N_("Free-text intake is not part of this build."),
    N_("Medicine checks are not part of this build."),
    N_("The database cannot be reached."),
    N_("The database cannot be reached just now; nothing was changed. Try again shortly."),
    N_("There is nothing at this path."),
    N_("The request body is empty: send a JSON object."),
    N_("The body is not UTF-8 text."),
    N_("The body is nested too deeply."),
    N_("Send the body as JSON with Content-Type: application/json."),
    N_("Something went wrong on our side; the error has been logged. Please try again."),
    # field messages
    N_("is not a field of this request"),
    N_("is not a field of an answer"),
    N_("is required: the id of the question answered"),
    N_("is required: what she says, as text"),
    N_("is required: the medicine's name, as text"),
    N_("is required: what she says (or left out), as text"),
    N_("is required: the interview's version as last read (an integer)"),
    N_("is required: true, false, null (don't know), a number, or a list of options"),
    N_("must be a list of finding ids read from the text"),
    N_("there is no text to unset findings from"),
    N_("must be a finite number"),
    N_("must be a list of question group ids"),
    N_("must be a number of weeks, or null when not known"),
    N_("must be true or false"),
    N_("must be a language code such as en or ru"),
    N_("the interview is finished"),
    N_("there is no text to keep"),
    N_("unknown interview id"),
    N_("is not a valid answer to this question"),
)
