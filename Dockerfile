# The production image: the same Debian packages `make run` installs, gunicorn in front.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        gettext fonts-noto-core fonts-noto-ui-core fonts-sil-abyssinica \
        libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 equalcity
WORKDIR /app

COPY pyproject.toml README.md requirements.lock ./
COPY equalcity ./equalcity
COPY courses ./courses
COPY participants ./participants
COPY trainings ./trainings
COPY demo ./demo
COPY evaluation ./evaluation
# The versions that were tested: the lock constrains every package the app installs.
RUN pip install -c requirements.lock .

COPY . .
# Build steps need a key to import the settings; the running container gets the real one.
RUN SECRET_KEY=build-only python manage.py compilemessages --ignore=.venv \
    && SECRET_KEY=build-only python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media && chown -R equalcity /app/var

USER equalcity
EXPOSE 8000
CMD ["gunicorn", "equalcity.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
