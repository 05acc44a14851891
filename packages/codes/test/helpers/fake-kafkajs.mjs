// A stand-in for kafkajs, enough for the README's consumer example, over a
// loopback TCP stream instead of a broker: the test's server at
// 127.0.0.1:$FAKE_KAFKA_PORT sends one message value per line; the consumer
// hands them to eachMessage one at a time, awaiting each as kafkajs does;
// producer.send writes `SEND <topic> <json messages>` lines back; when the
// server's stream ends the consumer writes `DONE`. As in kafkajs, run()
// resolves once consuming has started.
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { once } from 'node:events';

let socket;
async function open() {
  if (!socket) {
    // Half-open: the server's end of the messages must not end the replies.
    socket = connect({ port: Number(process.env.FAKE_KAFKA_PORT), host: '127.0.0.1', allowHalfOpen: true });
    await once(socket, 'connect');
  }
  return socket;
}

export class Kafka {
  constructor(config) {
    if (!Array.isArray(config?.brokers)) throw new TypeError('fake kafkajs: brokers must be an array');
  }
  consumer({ groupId }) {
    if (typeof groupId !== 'string') throw new TypeError('fake kafkajs: consumer needs a groupId');
    let topic;
    return {
      connect: async () => void (await open()),
      subscribe: async ({ topics }) => void (topic = topics[0]),
      run: async ({ eachMessage }) => {
        const s = await open();
        (async () => {
          let offset = 0;
          for await (const line of createInterface({ input: s })) {
            await eachMessage({ topic, partition: 0, message: { offset: String(offset++), key: null, value: Buffer.from(line) } });
          }
          s.end('DONE\n');
        })();
      },
    };
  }
  producer() {
    return {
      connect: async () => void (await open()),
      send: async ({ topic, messages }) => void (await open()).write(`SEND ${topic} ${JSON.stringify(messages)}\n`),
    };
  }
}
