-- Schema 14: what a patient wrote in answer to a questionnaire's free-text question (the FFT's
-- "why did you give your answer?"), a JSON object {question id: text}; NULL when nothing was
-- written. Never scored.
ALTER TABLE assessment ADD COLUMN free_text TEXT;
-- After this file, PainMDT raises the alerts answers saved before schema 13 set off (storage/
-- alertbackfill.cpp): an answer that was never alerted on is a risk nobody saw (hazard H9).
