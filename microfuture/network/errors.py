"""The network's one domain error: a plain message (already in the reader's language) that the
page shows or the API returns with a 4xx; nothing has changed when it is raised."""


class NetworkError(Exception):
    pass
