import logging, logging.config, sys

logging.config.dictConfig({
    'version': 1,
    'formatters': {
        'short': {'format': '%(levelname)s %(name)s: %(message)s'},
        'brace': {'format': '{name}|{message}', 'style': '{'},
    },
    'filters': {'only_db': {'name': 'app.db'}},
    'handlers': {
        'out': {'class': 'logging.StreamHandler', 'stream': 'ext://sys.stdout',
                'formatter': 'short', 'level': 'INFO'},
        'dbout': {'class': 'logging.StreamHandler', 'stream': 'ext://sys.stdout',
                  'formatter': 'brace', 'filters': ['only_db']},
    },
    'loggers': {
        'app': {'level': 'DEBUG', 'handlers': ['dbout'], 'propagate': True},
    },
    'root': {'level': 'WARNING', 'handlers': ['out']},
})
logging.getLogger('app').debug('app debug: below out level, no db name')
logging.getLogger('app.db').info('db info')
logging.getLogger('app.web').warning('web warning')
logging.warning('root warning')
logging.info('root info hidden')
print(logging.getLogger('app').level, [type(h).__name__ for h in logging.getLogger().handlers])

try:
    logging.config.dictConfig({'version': 2})
except ValueError as e:
    print('ValueError', e)
try:
    logging.config.dictConfig({'version': 1, 'handlers': {'h': {'class': 'no.such.Handler'}}})
except ValueError as e:
    print('ValueError', e)
try:
    logging.config.dictConfig({'version': 1, 'loggers': {'x': {'level': 'LOUD'}}})
except ValueError as e:
    print('ValueError', e)

logging.config.dictConfig({'version': 1, 'incremental': True,
                           'loggers': {'app': {'level': 'ERROR'}}})
print(logging.getLogger('app').level)
logging.config.dictConfig({'version': 1, 'disable_existing_loggers': True,
                           'handlers': {'o': {'class': 'logging.StreamHandler',
                                              'stream': 'ext://sys.stdout'}},
                           'root': {'handlers': ['o'], 'level': 'DEBUG'}})
print(logging.getLogger('app').disabled, logging.getLogger('app.db').disabled)
logging.getLogger('app.db').error('disabled logger: dropped')
logging.debug('plain %s', 'format')
