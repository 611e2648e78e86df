"""pipe-ipc: M messages of S bytes from one process to another (sections
1.3 and 5.1.2). Message i is its index (8 bytes, little endian) and then
bytes (i + j) % 251 for j = 8..S-1; the receiver checks every message's
order and content. Returns what the receiver counted: the messages that
arrived in order and intact, and the bytes they carried.
"""
import multiprocessing


def _pattern(size):
    return bytes(k % 251 for k in range(size + 251))


def _message(pattern, index, size):
    offset = (index + 8) % 251
    return index.to_bytes(8, "little") + pattern[offset:offset + size - 8]


def _check(pattern, index, size, message):
    if len(message) != size:
        raise RuntimeError(f"message {index} arrived with {len(message)} of {size} bytes")
    sent = int.from_bytes(message[:8], "little")
    if sent != index:
        raise RuntimeError(f"message {index} arrived as message {sent}")
    offset = (index + 8) % 251
    if message[8:] != pattern[offset:offset + size - 8]:
        raise RuntimeError(f"message {index} arrived corrupted")


def _answer(received, size, moved):
    return {"result": f"{received} messages of {size} bytes, in order and intact",
            "metrics": {"bytes_moved": moved}}


def _send_pipe(connection, messages, size):
    pattern = _pattern(size)
    for index in range(messages):
        connection.send_bytes(_message(pattern, index, size))
    connection.close()


def _send_queue(channel, messages, size):
    pattern = _pattern(size)
    for index in range(messages):
        channel.put(_message(pattern, index, size))


def _receive(start_method, target, make, receive, messages, size):
    context = multiprocessing.get_context(start_method)
    channel, reader = make(context)
    sender = context.Process(target=target, args=(channel, messages, size))
    sender.start()
    pattern = _pattern(size)
    received = moved = 0
    try:
        for index in range(messages):
            message = receive(reader)
            _check(pattern, index, size, message)
            received += 1
            moved += len(message)
    finally:
        sender.join()
    if sender.exitcode != 0:
        raise RuntimeError(f"sender exited with {sender.exitcode}")
    return _answer(received, size, moved)


def pipe(messages, size, start_method, **_):
    """multiprocessing.Pipe: send_bytes in the child, recv_bytes here."""
    def make(context):
        reader, writer = context.Pipe(duplex=False)
        return writer, reader

    return _receive(start_method, _send_pipe, make, lambda reader: reader.recv_bytes(), messages, size)


def queue(messages, size, start_method, **_):
    """multiprocessing.Queue: the child puts bytes, this process gets them."""
    def make(context):
        channel = context.Queue()
        return channel, channel

    return _receive(start_method, _send_queue, make, lambda channel: channel.get(), messages, size)
