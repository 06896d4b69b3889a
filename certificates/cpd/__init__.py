"""CPD records: a learner's certificates laid out for the record their regulator asks for.

- `records`: what each regulator's record holds, one row per valid certificate, from what
  the certificate's current version states (frozen at issue, so the record matches the
  certificates it cites). NMC: method, topic, how it relates to practice and to the Code,
  dates, hours and participatory hours, with the reflective account's questions. GMC: CPD
  credits (one per hour) and a prompt to reflect on impact. HCPC: a dated list of
  activities, with the standards an audit asks about.
- `documents`: the record as a tagged PDF (PDF/UA-1, like the certificates) and as CSV.
- `views`: the chooser on My learning (the learner's registration body first) and the
  downloads. A learner only ever gets their own record: nothing in the address says whose.
"""
