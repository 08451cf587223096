"""What every caller of an LLM endpoint shares: the backend (extractor/backends/llm.py), the checker's
judge (extractor/judge.py) and the diff's judge (extractor/diff_judge.py).

- `client`: the OpenAI-compatible client and instructor mode, built in one place (key never logged);
- `prompts`: versioned prompt sets, and fencing document text as data;
- `retry`: which failures are transient, Retry-After, error names, usage counters, the model's raw JSON;
- `cache`: the disk cache of answers (keys name the endpoint, model, prompt version and input);
- `batch`: the Batch API path of the backend (`--batch`).

The submodules import openai and instructor lazily; nothing here imports the backend at module level.
"""
