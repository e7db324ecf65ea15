"""Curated answers: admins link a question to a verbatim passage of a document (or confirm the documents do not
answer it); paraphrases of the question are then answered from that link before the core decides."""
