# One image for web, worker and beat (docker-compose.yml); they differ only in their command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends libmagic1 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core && rm -rf /var/lib/apt/lists/*

COPY pyproject.toml constraints.txt ./
COPY core ./core
COPY registry ./registry
COPY contacts ./contacts
COPY events ./events
COPY recommendations ./recommendations
RUN pip install --no-cache-dir -c constraints.txt .

COPY . .
RUN DJANGO_DEBUG=false SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && useradd --create-home registry && mkdir -p /app/media && chown registry /app/media
USER registry

EXPOSE 8000
CMD ["gunicorn", "registry.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120"]
